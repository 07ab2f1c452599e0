package dev.saaskit.shared.runtime;

import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import java.util.function.Function;
import java.util.function.Supplier;

/** The binding for directly invoked functions: logs the invocation and lets failures fail it. */
public final class DirectFunction<I, O> implements Function<I, O> {

  private final FunctionSpec spec;
  private final Lazy<DirectHandler<I, O>> handler;
  private final Platform platform;

  public DirectFunction(FunctionSpec spec, Supplier<? extends DirectHandler<I, O>> handler, Platform platform) {
    this.spec = spec;
    this.handler = new Lazy<>(handler);
    this.platform = platform;
  }

  @Override
  public O apply(I input) {
    InvocationRecord log = new InvocationRecord(spec.name(), null, platform.firstInvocation());
    try {
      O result = handler.get().invoke(input);
      log.write(false, 0, 0);
      return result;
    } catch (RuntimeException e) {
      log.put("error", Log.describe(e));
      log.write(true, 0, 0);
      throw e;
    }
  }
}

package dev.saaskit.shared.runtime;

import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.json.AwsEvents;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import java.util.function.Supplier;

/** The binding for directly invoked functions: logs the invocation and lets failures fail it. */
public final class DirectFunction<I, O> implements Binding<O> {

  private final FunctionSpec spec;
  private final Class<I> inputType;
  private final Lazy<DirectHandler<I, O>> handler;
  private final Platform platform;

  public DirectFunction(FunctionSpec spec, Class<I> inputType, Supplier<? extends DirectHandler<I, O>> handler, Platform platform) {
    this.spec = spec;
    this.inputType = inputType;
    this.handler = new Lazy<>(handler);
    this.platform = platform;
  }

  /** Builds the handler and reads nothing else: direct functions (migrations) run rarely and each differently. */
  @Override
  public void prime() {
    handler.get();
  }

  @Override
  public O apply(byte[] inputJson) {
    InvocationRecord log = new InvocationRecord(spec, null, platform.firstInvocation());
    try {
      O result = handler.get().invoke(AwsEvents.read(inputJson, inputType));
      log.write(false, 0, 0);
      return result;
    } catch (RuntimeException e) {
      log.put("error", Log.describe(e));
      log.write(true, 0, 0);
      throw e;
    }
  }
}

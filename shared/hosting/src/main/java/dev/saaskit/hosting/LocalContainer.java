package dev.saaskit.hosting;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.runtime.LambdaHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;

/**
 * One container of a catalog function, as Lambda runs it: the deployed entry point ({@link
 * LambdaHandler}) built for the function's module and bean (Lambda's init phase), then invoked with
 * event bytes and a Lambda context. Its state (database connection, built handler) is its own. Like a
 * Lambda container it serves one invocation at a time; the caller keeps to that.
 */
public final class LocalContainer {

  private final FunctionSpec function;
  private final LambdaHandler handler;

  private LocalContainer(FunctionSpec function, LambdaHandler handler) {
    this.function = function;
    this.handler = handler;
  }

  /** Cold-starts a container of {@code function}, a function of {@code catalog}. */
  public static LocalContainer start(Catalog catalog, FunctionSpec function) {
    return new LocalContainer(function, new LambdaHandler(catalog.modules().get(function.module()).initializer(), function.bean()));
  }

  /** Invokes the function with an event, as Lambda would, and returns what it answered. */
  public byte[] invoke(byte[] event, long deadlineMillis, String region) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    handler.handleRequest(new ByteArrayInputStream(event), out,
        new LocalLambdaContext(function.name(), function.memoryMb(), deadlineMillis, UUID.randomUUID().toString(), region));
    return out.toByteArray();
  }

  public FunctionSpec function() {
    return function;
  }
}

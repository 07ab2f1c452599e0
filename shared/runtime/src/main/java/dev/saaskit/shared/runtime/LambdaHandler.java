package dev.saaskit.shared.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.HttpResponse;
import dev.saaskit.shared.json.AwsEvents;
import dev.saaskit.shared.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * The Lambda entry point of every function ({@code dev.saaskit.shared.runtime.LambdaHandler::handleRequest}).
 *
 * <p>Init phase (the constructor): {@code MAIN_CLASS} names the domain's {@link DomainFunctions},
 * whose functions go into a Spring Cloud Function registry; {@code SPRING_CLOUD_FUNCTION_DEFINITION}
 * names the one this Lambda runs, which must be one of them: a missing or unknown name fails the
 * start, and there is no routing function to fall back to. The function is then primed (classes
 * loaded, mappers, catalog and token verifier built, no connection opened), so the first request
 * costs what a warm one does plus its connection, and a SnapStart snapshot holds the rest.
 *
 * <p>Each invocation reads the event's bytes once, hands them to the function, which reads them into
 * our own types, and writes its answer once. The registry's invocation wrapper is not in that path:
 * it converts inputs and outputs through messages, which our functions, taking bytes and returning
 * their own types, never need (docs/benchmarks.md has the measurement).
 */
public final class LambdaHandler implements RequestStreamHandler {

  public static final String MAIN_CLASS = "MAIN_CLASS";
  public static final String DEFINITION = "SPRING_CLOUD_FUNCTION_DEFINITION";

  /**
   * The libraries (pgjdbc, Flyway, the AWS SDK, Spring) log through java.util.logging, and only
   * problems: each invocation's JSON record is its log. Held, since loggers are only weakly referenced.
   */
  private static final Logger LIBRARY_LOGS = Logger.getLogger("");

  static {
    LIBRARY_LOGS.setLevel(Level.WARNING);
  }

  private final String definition;
  private final Binding<?> function;

  /** As Lambda constructs it: the module and the function from the environment. */
  public LambdaHandler() {
    this(Settings.require(MAIN_CLASS), Settings.require(DEFINITION));
  }

  /** One container of {@code definition}, a function of the {@link DomainFunctions} class {@code mainClass}. */
  public LambdaHandler(String mainClass, String definition) {
    DomainFunctions domain = DomainFunctions.load(mainClass);
    FunctionRegistry registry = domain.functionRegistry();
    // Checked before the lookup: Spring Cloud Function answers any name with a registry's only function.
    if (!registry.getNames(null).contains(definition)) {
      throw new IllegalStateException(DEFINITION + " '" + definition + "' is not a function of " + mainClass
          + "; its functions are " + new TreeSet<>(registry.getNames(null)));
    }
    FunctionInvocationWrapper wrapper = registry.lookup(definition);
    this.definition = definition;
    this.function = (Binding<?>) wrapper.getTarget();
    try {
      function.prime();
    } catch (RuntimeException e) {
      // Priming only moves work forward: the first invocation meets the same failure and answers it.
      Log.warn("prime_failed", e);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Object answer = function.apply(input.readAllBytes());
    if (answer instanceof HttpResponse response) {
      response.writeTo(output);
    } else {
      AwsEvents.write(output, answer);
    }
  }

  /** The function this container runs, by its bean name. */
  public String definition() {
    return definition;
  }
}

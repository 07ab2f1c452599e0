package dev.saaskit.testkit;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.runtime.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Invokes functions the way AWS Lambda does: through Spring Cloud Function's {@code FunctionInvoker}
 * (the handler every function is deployed with), with {@code MAIN_CLASS} naming the domain's
 * initializer and the catalog's bean as the function definition, passing the event as JSON bytes.
 * One invoker per function stands for one warm container.
 */
public final class Lambda {

  private static final Map<String, FunctionInvoker> WARM = new ConcurrentHashMap<>();

  private Lambda() {}

  public static String invoke(String functionName, String eventJson) {
    return invoke(WARM.computeIfAbsent(functionName, Lambda::coldStart), functionName, eventJson);
  }

  /** Starts a new container for the function: a fresh context reading the current settings. */
  public static FunctionInvoker coldStart(String functionName) {
    TestEnvironment.ensure();
    FunctionSpec spec = Catalog.bundled().named(functionName)
        .orElseThrow(() -> new IllegalArgumentException("no function '" + functionName + "' in the catalog"));
    ModuleSpec module = Catalog.bundled().modules().get(spec.module());
    synchronized (Lambda.class) {
      System.setProperty("MAIN_CLASS", module.initializer());
      return new FunctionInvoker(spec.bean());
    }
  }

  public static String invoke(FunctionInvoker invoker, String functionName, String eventJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      invoker.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, new LocalLambdaContext(functionName, 512, System.currentTimeMillis() + 30_000, UUID.randomUUID().toString(), "us-east-1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Runs {@code work} with these settings set as system properties (a blank value removes one),
   * then restores the test environment's. Containers read their settings lazily, so the work must
   * start and invoke the container it needs.
   */
  public static synchronized <T> T withSettings(Map<String, String> settings, java.util.function.Supplier<T> work) {
    TestEnvironment.ensure();
    Map<String, String> saved = new java.util.HashMap<>();
    settings.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
    try {
      settings.forEach((k, v) -> {
        if (v.isBlank()) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
      return work.get();
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }
}

package dev.saaskit.testkit;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes functions the way AWS Lambda does: through the entry point every function is deployed
 * with ({@code LambdaHandler}), built for the catalog's module and bean, passing the event as JSON
 * bytes. One container per function stands for one warm container.
 */
public final class Lambda {

  private static final Map<String, LocalContainer> WARM = new ConcurrentHashMap<>();

  private Lambda() {}

  public static String invoke(String functionName, String eventJson) {
    return invoke(WARM.computeIfAbsent(functionName, Lambda::coldStart), eventJson);
  }

  /** Starts a new container for the function: a fresh entry point reading the current settings. */
  public static LocalContainer coldStart(String functionName) {
    TestEnvironment.ensure();
    FunctionSpec spec = Catalog.bundled().named(functionName)
        .orElseThrow(() -> new IllegalArgumentException("no function '" + functionName + "' in the catalog"));
    return LocalContainer.start(Catalog.bundled(), spec);
  }

  public static String invoke(LocalContainer container, String eventJson) {
    try {
      return new String(container.invoke(eventJson.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 30_000, "us-east-1"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

package dev.saaskit.shared.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one log line each invocation writes, carrying CloudWatch Embedded Metric Format metadata so
 * the same line yields metrics ({@code duration_ms}, {@code db_ms}, {@code errors}) per function
 * without an API call.
 */
public final class InvocationRecord {

  public static final String NAMESPACE = "SaasKit";

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final long startNanos = System.nanoTime();

  public InvocationRecord(String function, String requestId, boolean coldStart) {
    fields.put("time", Instant.now().toString());
    fields.put("level", "info");
    fields.put("event", "invocation");
    fields.put("function", function);
    fields.put("request_id", requestId);
    fields.put("cold_start", coldStart);
  }

  public InvocationRecord put(String key, Object value) {
    if (value != null) {
      fields.put(key, value);
    }
    return this;
  }

  public void write(boolean failed, double dbMillis, int dbStatements) {
    double duration = (System.nanoTime() - startNanos) / 1_000_000.0;
    fields.put("duration_ms", Math.round(duration * 100) / 100.0);
    fields.put("db_ms", Math.round(dbMillis * 100) / 100.0);
    fields.put("db_statements", dbStatements);
    fields.put("errors", failed ? 1 : 0);
    if (failed) {
      fields.put("level", "error");
    }
    fields.put("_aws", Map.of(
        "Timestamp", System.currentTimeMillis(),
        "CloudWatchMetrics", List.of(Map.of(
            "Namespace", NAMESPACE,
            "Dimensions", List.of(List.of("function")),
            "Metrics", List.of(
                Map.of("Name", "duration_ms", "Unit", "Milliseconds"),
                Map.of("Name", "db_ms", "Unit", "Milliseconds"),
                Map.of("Name", "errors", "Unit", "Count"))))));
    Log.line(fields);
  }
}

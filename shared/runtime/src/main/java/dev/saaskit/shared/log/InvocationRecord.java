package dev.saaskit.shared.log;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.json.Json;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;

/**
 * The one log line each invocation writes, carrying CloudWatch Embedded Metric Format metadata so
 * the same line yields metrics ({@code duration_ms}, {@code db_ms}, {@code errors}) per function
 * without an API call. It is also what usage analytics counts: CloudWatch Logs hands these lines
 * to audit's ingest-usage function, so each carries what a row of {@code request_records} needs
 * (the trigger, the configured memory, the caller's organization where known).
 *
 * <p>Written with a streaming generator, the metadata as prepared text: every invocation pays for
 * this line, and serialising it as a map of maps took about a tenth of a warm request's CPU outside
 * the database.
 */
public final class InvocationRecord {

  public static final String NAMESPACE = "SaasKit";

  /** The metadata around its timestamp, the only part that changes. */
  private static final String METRICS_HEAD = "{\"Timestamp\":";
  private static final String METRICS_TAIL = ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE + "\","
      + "\"Dimensions\":[[\"function\"]],\"Metrics\":["
      + "{\"Name\":\"duration_ms\",\"Unit\":\"Milliseconds\"},"
      + "{\"Name\":\"db_ms\",\"Unit\":\"Milliseconds\"},"
      + "{\"Name\":\"errors\",\"Unit\":\"Count\"}]}]}";

  private static final FunctionSpec PRIME = new FunctionSpec("prime", "prime", "prime", "prime", new Trigger.Direct(false),
      Access.INTERNAL, 128, 1, false, null, null);

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final long startNanos = System.nanoTime();

  /** Lambda's environment variable holding the function's configured memory. */
  public static final String MEMORY_SETTING = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

  public InvocationRecord(FunctionSpec function, String requestId, boolean coldStart) {
    fields.put("time", Instant.now().toString());
    fields.put("level", "info");
    fields.put("event", "invocation");
    fields.put("function", function.name());
    fields.put("trigger", function.trigger().kind());
    fields.put("memory_mb", memoryMb(function));
    fields.put("request_id", requestId);
    fields.put("cold_start", coldStart);
  }

  /**
   * What Lambda says the function has; hosts that run many functions in one JVM (the emulator, the
   * tests) cannot give each its own environment, and the catalog's size, which the deployment
   * configures, stands in.
   */
  private static int memoryMb(FunctionSpec function) {
    return Settings.getInt(MEMORY_SETTING, function.memoryMb());
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
    Log.line(json(System.currentTimeMillis()));
  }

  /** Renders a record without writing it: the generator and its classes are then loaded. */
  public static void prime() {
    new InvocationRecord(PRIME, "prime", false).put("status", 200).json(0);
  }

  /** The line as JSON, with {@code timestamp} (epoch milliseconds) in its metadata. */
  String json(long timestamp) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        g.writeName(field.getKey());
        switch (field.getValue()) {
          case null -> g.writeNull();
          case String s -> g.writeString(s);
          case Integer i -> g.writeNumber(i);
          case Long l -> g.writeNumber(l);
          case Double d -> g.writeNumber(d);
          case Boolean b -> g.writeBoolean(b);
          case UUID u -> g.writeString(u.toString());
          case Object other -> g.writePOJO(other);
        }
      }
      g.writeName("_aws");
      g.writeRawValue(METRICS_HEAD + timestamp + METRICS_TAIL);
      g.writeEndObject();
    }
    return out.toString();
  }
}

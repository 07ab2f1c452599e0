package dev.saaskit.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InvocationRecordTest {

  static FunctionSpec function(String name, Trigger trigger, int memoryMb) {
    return new FunctionSpec(name, "m", "b", "dev.saaskit.m.B", trigger, Access.INTERNAL, memoryMb, 10, false, null, null);
  }

  @Test
  void the_line_names_the_trigger_kind_and_the_catalogs_memory_where_lambda_does_not_say() {
    JsonNode http = Json.tree(new InvocationRecord(function("get-me", new Trigger.Http("GET", "/api/v1/me"), 256), "r", false).json(1L));
    JsonNode queue = Json.tree(new InvocationRecord(function("consume", new Trigger.Sqs("q", 10, 0, 5, 5), 1024), "r", false).json(1L));
    JsonNode schedule = Json.tree(new InvocationRecord(function("sweep", new Trigger.Schedule("rate(1 minute)"), 512), "r", false).json(1L));
    JsonNode logs = Json.tree(new InvocationRecord(function("ingest", new Trigger.Logs(), 512), null, false).json(1L));

    assertThat(List.of(http, queue, schedule, logs)).extracting(l -> l.path("trigger").asString())
        .containsExactly("http", "sqs", "schedule", "logs");
    assertThat(http.path("memory_mb").isInt()).isTrue();
    assertThat(http.path("memory_mb").asInt()).isEqualTo(256);
    assertThat(queue.path("memory_mb").asInt()).isEqualTo(1024);
  }

  @Test
  void lambdas_memory_setting_is_what_the_line_says_when_it_is_set() {
    System.setProperty(InvocationRecord.MEMORY_SETTING, "1769");
    try {
      JsonNode line = Json.tree(new InvocationRecord(function("get-me", new Trigger.Http("GET", "/api/v1/me"), 256), "r", false).json(1L));

      assertThat(line.path("memory_mb").asInt()).isEqualTo(1769);
    } finally {
      System.clearProperty(InvocationRecord.MEMORY_SETTING);
    }
  }

  @Test
  void the_line_holds_every_field_in_order_with_its_json_type() {
    UUID org = UUID.randomUUID();
    InvocationRecord record = new InvocationRecord(function("get-me", new Trigger.Http("GET", "/api/v1/me"), 256), "request-1", true)
        .put("route", "GET /api/v1/me")
        .put("org_id", org)
        .put("user_id", null)
        .put("status", 200)
        .put("result", Map.of("sent", 3));

    JsonNode line = Json.tree(record.json(1_700_000_000_000L));

    assertThat(line.propertyNames()).containsExactly(
        "time", "level", "event", "function", "trigger", "memory_mb", "request_id", "cold_start", "route", "org_id", "status", "result", "_aws");
    assertThat(line.path("function").asString()).isEqualTo("get-me");
    assertThat(line.path("cold_start").isBoolean()).isTrue();
    assertThat(line.path("org_id").asString()).isEqualTo(org.toString());
    assertThat(line.path("status").isInt()).isTrue();
    assertThat(line.path("result").path("sent").asInt()).isEqualTo(3);
  }

  @Test
  void a_direct_invocation_without_a_request_id_writes_it_as_null() {
    JsonNode line = Json.tree(new InvocationRecord(function("migrate", new Trigger.Direct(true), 512), null, false).json(1L));

    assertThat(line.has("request_id")).isTrue();
    assertThat(line.path("request_id").isNull()).isTrue();
  }

  @Test
  void the_metadata_declares_the_metrics_cloudwatch_reads_from_the_line() {
    InvocationRecord record = new InvocationRecord(function("health", new Trigger.Http("GET", "/health"), 512), "request-2", false);
    record.write(false, 1.234, 2);

    JsonNode aws = Json.tree(record.json(1_700_000_000_000L)).path("_aws");

    assertThat(aws).isEqualTo(Json.MAPPER.valueToTree(Map.of(
        "Timestamp", 1_700_000_000_000L,
        "CloudWatchMetrics", List.of(Map.of(
            "Namespace", InvocationRecord.NAMESPACE,
            "Dimensions", List.of(List.of("function")),
            "Metrics", List.of(
                Map.of("Name", "duration_ms", "Unit", "Milliseconds"),
                Map.of("Name", "db_ms", "Unit", "Milliseconds"),
                Map.of("Name", "errors", "Unit", "Count")))))));
    JsonNode line = Json.tree(record.json(1L));
    assertThat(line.path("db_ms").asDouble()).isEqualTo(1.23);
    assertThat(line.path("db_statements").asInt()).isEqualTo(2);
    assertThat(line.path("errors").asInt()).isZero();
  }
}

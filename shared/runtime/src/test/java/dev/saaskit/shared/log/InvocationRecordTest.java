package dev.saaskit.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InvocationRecordTest {

  @Test
  void the_line_holds_every_field_in_order_with_its_json_type() {
    UUID org = UUID.randomUUID();
    InvocationRecord record = new InvocationRecord("get-me", "request-1", true)
        .put("route", "GET /api/v1/me")
        .put("org_id", org)
        .put("user_id", null)
        .put("status", 200)
        .put("result", Map.of("sent", 3));

    JsonNode line = Json.tree(record.json(1_700_000_000_000L));

    assertThat(line.propertyNames()).containsExactly(
        "time", "level", "event", "function", "request_id", "cold_start", "route", "org_id", "status", "result", "_aws");
    assertThat(line.path("function").asString()).isEqualTo("get-me");
    assertThat(line.path("cold_start").isBoolean()).isTrue();
    assertThat(line.path("org_id").asString()).isEqualTo(org.toString());
    assertThat(line.path("status").isInt()).isTrue();
    assertThat(line.path("result").path("sent").asInt()).isEqualTo(3);
  }

  @Test
  void a_direct_invocation_without_a_request_id_writes_it_as_null() {
    JsonNode line = Json.tree(new InvocationRecord("migrate", null, false).json(1L));

    assertThat(line.has("request_id")).isTrue();
    assertThat(line.path("request_id").isNull()).isTrue();
  }

  @Test
  void the_metadata_declares_the_metrics_cloudwatch_reads_from_the_line() {
    InvocationRecord record = new InvocationRecord("health", "request-2", false);
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

package dev.saaskit.audit.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.audit.Audit;
import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.InvocationLog;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** ingest-usage through its entry point, with the events CloudWatch Logs subscriptions deliver. */
class IngestUsageTest {

  static final String FUNCTION = "ingest-usage";
  static final String LOG_GROUP = "/aws/lambda/saaskit/audit";

  static JsonNode deliver(String event) {
    return Events.parse(Lambda.invoke(FUNCTION, event));
  }

  static JsonNode deliver(List<String> lines) {
    return deliver(Events.awslogs(LOG_GROUP, lines).toString());
  }

  static Map<String, Object> row(String recordId) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select * from request_records where record_id = :id")
        .bind("id", recordId).mapToMap().one());
  }

  static int rows(List<String> recordIds) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from request_records where record_id = any(:ids)")
        .bindArray("ids", String.class, recordIds).mapTo(Integer.class).one());
  }

  /** The ids of the log events of a delivery, as CloudWatch gave them. */
  static List<String> ids(String event) {
    return Events.awslogsLines(event).stream().map(e -> e.path("id").asString()).toList();
  }

  /** An invocation record as a function of another trigger writes it. */
  static String record(String function, String trigger, int errors) {
    return """
        {"time":"%s","level":"info","event":"invocation","function":"%s","trigger":"%s","memory_mb":1024,"request_id":"r-1",\
        "cold_start":false,"duration_ms":12.01,"db_ms":1.0,"db_statements":1,"errors":%d}"""
        .formatted(Instant.now(), function, trigger, errors);
  }

  @Nested
  class Ok {
    @Test
    void a_real_http_functions_record_becomes_a_row_with_its_route_status_organization_and_billing() {
      Tenant tenant = Audit.tenant();
      JsonNode line = InvocationLog.of(() ->
          assertThat(Api.get("/api/v1/audit-logs").bearer(tenant.token(Role.ORG_ADMIN)).send().status()).isEqualTo(200));
      String event = Events.awslogs(LOG_GROUP, List.of(line.toString())).toString();

      JsonNode result = deliver(event);

      assertThat(result.path("stored").asInt()).isEqualTo(1);
      Map<String, Object> row = row(ids(event).get(0));
      assertThat(row.get("function_name")).isEqualTo("list-audit-logs");
      assertThat(row.get("trigger")).isEqualTo("http");
      assertThat(row.get("route")).isEqualTo("GET /api/v1/audit-logs");
      assertThat(((Number) row.get("status_class")).intValue()).isEqualTo(2);
      assertThat(row.get("organization_id")).isEqualTo(tenant.organizationId());
      assertThat(row.get("cold_start")).isEqualTo(line.path("cold_start").asBoolean());
      assertThat(((Number) row.get("memory_mb")).intValue())
          .isEqualTo(Catalog.bundled().named("list-audit-logs").orElseThrow().memoryMb());
      assertThat((BigDecimal) row.get("duration_ms")).isEqualByComparingTo(BigDecimal.valueOf(line.path("duration_ms").asDouble()));
      assertThat(((Number) row.get("billed_ms")).intValue()).isEqualTo((int) Math.ceil(line.path("duration_ms").asDouble()));
    }

    @Test
    void a_refused_request_counts_as_its_status_class_with_the_callers_organization_unknown() {
      JsonNode line = InvocationLog.of(() -> assertThat(Api.get("/api/v1/audit-logs").send().status()).isEqualTo(401));
      String event = Events.awslogs(LOG_GROUP, List.of(line.toString())).toString();

      deliver(event);

      Map<String, Object> row = row(ids(event).get(0));
      assertThat(((Number) row.get("status_class")).intValue()).isEqualTo(4);
      assertThat(row.get("organization_id")).isNull();
    }

    @Test
    void a_queue_consumers_record_names_the_organization_of_its_message() {
      Tenant tenant = Audit.tenant();
      ApiResponse created = Audit.export(tenant.token(Role.ORG_ADMIN), Map.of("format", "csv"));
      assertThat(created.status()).as(created.toString()).isEqualTo(202);
      JsonNode line = InvocationLog.of(() -> QueuePump.drain(Audit.QUEUE, Audit.PRODUCER));
      String event = Events.awslogs(LOG_GROUP, List.of(line.toString())).toString();

      deliver(event);

      Map<String, Object> row = row(ids(event).get(0));
      assertThat(row.get("function_name")).isEqualTo(Audit.PRODUCER);
      assertThat(row.get("trigger")).isEqualTo("sqs");
      assertThat(row.get("route")).isNull();
      assertThat(row.get("organization_id")).isEqualTo(tenant.organizationId());
      assertThat(((Number) row.get("status_class")).intValue()).isEqualTo(2);
    }

    @Test
    void other_triggers_are_class_2_when_they_succeeded_and_5_when_they_failed() {
      String event = Events.awslogs(LOG_GROUP, List.of(record("audit-retention", "schedule", 0), record("migrate", "direct", 1))).toString();

      deliver(event);

      assertThat(((Number) row(ids(event).get(0)).get("status_class")).intValue()).isEqualTo(2);
      assertThat(((Number) row(ids(event).get(1)).get("status_class")).intValue()).isEqualTo(5);
      assertThat(row(ids(event).get(0)).get("organization_id")).isNull();
    }

    @Test
    void a_batch_delivered_twice_is_stored_once() {
      String event = Events.awslogs(LOG_GROUP, List.of(record("audit-retention", "schedule", 0), record("migrate", "direct", 0))).toString();

      JsonNode first = deliver(event);
      JsonNode second = deliver(event);

      assertThat(first.path("stored").asInt()).isEqualTo(2);
      assertThat(second.path("stored").asInt()).isZero();
      assertThat(second.path("duplicates").asInt()).isEqualTo(2);
      assertThat(rows(ids(event))).isEqualTo(2);
    }

    @Test
    void a_control_message_is_acknowledged_and_stores_nothing() {
      String event = Events.awslogsControlMessage().toString();

      JsonNode result = deliver(event);

      assertThat(result.path("control_message").asBoolean()).isTrue();
      assertThat(rows(ids(event))).isZero();
    }

    @Test
    void malformed_lines_and_its_own_records_are_skipped_and_counted_while_the_rest_is_stored() {
      String missingTrigger = record("audit-retention", "schedule", 0).replace("\"trigger\":\"schedule\",", "");
      String badOrganization = record("list-audit-logs", "http", 0).replace("\"errors\":0", "\"status\":200,\"org_id\":\"not-a-uuid\"");
      String event = Events.awslogs(LOG_GROUP, List.of(
          record("audit-retention", "schedule", 0),
          "{\"event\":\"invocation\",\"function\":",
          missingTrigger,
          badOrganization,
          record(FUNCTION, "logs", 0),
          "{\"time\":\"2026-12-01T00:00:00Z\",\"level\":\"warn\",\"event\":\"prime_failed\"}",
          "START RequestId: 8f5b Version: $LATEST")).toString();

      JsonNode result = deliver(event);

      assertThat(result.path("stored").asInt()).isEqualTo(1);
      assertThat(result.path("malformed").asInt()).isEqualTo(4);
      assertThat(result.path("own_records").asInt()).isEqualTo(1);
      assertThat(result.path("other_lines").asInt()).isEqualTo(1);
      List<String> ids = ids(event);
      assertThat(rows(ids.subList(0, 1))).isEqualTo(1);
      assertThat(rows(ids.subList(1, ids.size()))).isZero();
    }
  }

  @Nested
  class Failed {
    @Test
    void a_database_failure_fails_the_invocation_so_lambda_retries_the_batch_which_then_stores_it() {
      String event = Events.awslogs(LOG_GROUP, List.of(record("audit-retention", "schedule", 0))).toString();

      assertThatThrownBy(() -> Lambda.withSettings(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/none"), () -> {
        LocalContainer container = Lambda.coldStart(FUNCTION);
        return Lambda.invoke(container, event);
      })).isInstanceOf(RuntimeException.class);
      assertThat(rows(ids(event))).isZero();

      assertThat(deliver(event).path("stored").asInt()).isEqualTo(1);
      assertThat(rows(ids(event))).isEqualTo(1);
    }

    @Test
    void an_event_that_is_not_a_subscriptions_fails_the_invocation() {
      assertThatThrownBy(() -> deliver("{\"awslogs\":{\"data\":\"bm90IGd6aXA=\"}}")).isInstanceOf(RuntimeException.class);
      assertThatThrownBy(() -> deliver("{\"Records\":[]}")).isInstanceOf(RuntimeException.class);
    }
  }
}

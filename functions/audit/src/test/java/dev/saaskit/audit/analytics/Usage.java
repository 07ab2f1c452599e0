package dev.saaskit.audit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Shorthands for the analytics tests: request records as ingest-usage writes them, the roll-up run through its function. */
final class Usage {

  private Usage() {}

  /** A function name no other test records. */
  static String function() {
    return "fn-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The start of the hour two hours ago: one the roll-up recomputes on every run. */
  static Instant recentHour() {
    return Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
  }

  /**
   * {@code count} records of one function at {@code at}, each lasting {@code durationMs} and billed
   * {@code billedMs} at {@code memoryMb}; the first {@code coldStarts} of them cold starts.
   */
  static void records(UUID organization, String function, String trigger, String route, int statusClass, int count,
      String durationMs, int billedMs, int memoryMb, int coldStarts, Instant at) {
    TestDatabase.get().jdbi().useHandle(h -> h.createUpdate(
            """
            insert into request_records (record_id, occurred_at, organization_id, function_name, trigger, route, status_class,
                                         duration_ms, billed_ms, memory_mb, cold_start)
            select 'test-' || gen_random_uuid(), :at, :org, :function, :trigger, :route, :status_class,
                   cast(:duration as numeric), :billed, :memory, i <= :cold
              from generate_series(1, :count) as i
            """)
        .bind("at", at).bind("org", organization).bind("function", function).bind("trigger", trigger).bind("route", route)
        .bind("status_class", statusClass).bind("duration", durationMs).bind("billed", billedMs).bind("memory", memoryMb)
        .bind("cold", coldStarts).bind("count", count)
        .execute());
  }

  /** {@code count} successful HTTP records of 10 ms at 512 MB. */
  static void http(UUID organization, String function, String route, int statusClass, int count, Instant at) {
    records(organization, function, "http", route, statusClass, count, "10", 10, 512, 0, at);
  }

  /** Runs the roll-up schedule; answers its result. */
  static JsonNode rollUp() {
    JsonNode result = Events.parse(Lambda.invoke("roll-up-usage",
        Events.scheduled("arn:aws:scheduler:us-east-1:123456789012:schedule/default/roll-up-usage").toString()));
    assertThat(result.has("hours_recomputed")).as(result.toString()).isTrue();
    return result;
  }

  static ApiResponse get(String bearer, String pathAndQuery) {
    Api.Request request = Api.get(pathAndQuery);
    return (bearer == null ? request : request.bearer(bearer)).send();
  }

  /** The range of the one hour starting at {@code hour}, as query parameters. */
  static String hour(Instant hour) {
    return "from=" + hour + "&to=" + hour.plus(1, ChronoUnit.HOURS);
  }
}

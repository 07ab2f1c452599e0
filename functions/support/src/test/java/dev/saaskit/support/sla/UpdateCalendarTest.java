package dev.saaskit.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UpdateCalendarTest {

  final Tenant tenant = Support.tenant();

  static final Map<String, Object> OFFICE = Map.of(
      "time_zone", "Asia/Tokyo",
      "business_hours", Map.of("monday", Map.of("opens", "09:00", "closes", "17:30"), "saturday", Map.of("opens", "10:00", "closes", "24:00")),
      "holidays", List.of("2031-01-01"));

  ApiResponse put(Object body) {
    return Api.put("/api/v1/support/calendar").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void replaces_the_calendar_and_get_reads_it_back() {
      ApiResponse r = put(OFFICE);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode read = Api.get("/api/v1/support/calendar").bearer(tenant.token(Role.ORG_ADMIN)).send().json();
      assertThat(read).isEqualTo(r.json());
      assertThat(read.path("time_zone").asString()).isEqualTo("Asia/Tokyo");
      assertThat(read.path("business_hours").path("monday").path("closes").asString()).isEqualTo("17:30");
      assertThat(read.path("business_hours").path("saturday").path("closes").asString()).isEqualTo("24:00");
      assertThat(read.path("business_hours").has("tuesday")).isFalse();
      assertThat(read.path("holidays").get(0).asString()).isEqualTo("2031-01-01");
    }

    @Test
    void new_tickets_count_working_time_by_it() {
      put(Map.of("time_zone", "Asia/Tokyo", "business_hours", Map.of("monday", Map.of("opens", "09:00", "closes", "10:00"))));

      JsonNode sla = Support.open(tenant.token(Role.USER), Map.of("subject", "s", "description", "d", "priority", "urgent")).json().path("sla");

      // 240 working minutes of one hour a week: due on a Monday at 10:00 in Tokyo, three weeks and more ahead.
      ZonedDateTime due = Instant.parse(sla.path("first_response").path("due_at").asString()).atZone(ZoneId.of("Asia/Tokyo"));
      assertThat(due.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
      assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(10, 0));
      assertThat(due.toInstant()).isAfter(Instant.now().plus(java.time.Duration.ofDays(20)));
    }

    @Test
    void an_organization_without_one_works_all_day_in_utc() {
      JsonNode read = Api.get("/api/v1/support/calendar").bearer(tenant.token(Role.ORG_ADMIN)).send().json();

      assertThat(read.path("time_zone").asString()).isEqualTo("UTC");
      assertThat(read.path("business_hours").size()).isEqualTo(7);
      assertThat(read.path("business_hours").path("sunday").path("opens").asString()).isEqualTo("00:00");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_zone_a_day_that_is_no_weekday_hours_backwards_and_no_open_day() {
      ApiResponse r = put(Map.of("time_zone", "Mars/Olympus", "business_hours",
          Map.of("funday", Map.of("opens", "09:00", "closes", "17:00"), "monday", Map.of("opens", "18:00", "closes", "09:00"),
              "tuesday", Map.of("opens", "9am", "closes", "5pm"))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field"))
          .containsExactlyInAnyOrder("time_zone", "business_hours.funday", "business_hours.monday", "business_hours.tuesday");
      assertThat(put(Map.of("time_zone", "UTC", "business_hours", Map.of())).json().path("errors").get(0).path("field").asString())
          .isEqualTo("business_hours");
    }
  }
}

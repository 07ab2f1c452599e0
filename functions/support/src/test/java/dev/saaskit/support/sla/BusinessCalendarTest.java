package dev.saaskit.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Worked examples of the calendar arithmetic, each checkable by hand. */
class BusinessCalendarTest {

  static final BusinessCalendar BERLIN_OFFICE = new BusinessCalendar(ZoneId.of("Europe/Berlin"), Map.of(
      DayOfWeek.MONDAY, new BusinessCalendar.Hours(9 * 60, 17 * 60),
      DayOfWeek.TUESDAY, new BusinessCalendar.Hours(9 * 60, 17 * 60),
      DayOfWeek.WEDNESDAY, new BusinessCalendar.Hours(9 * 60, 17 * 60),
      DayOfWeek.THURSDAY, new BusinessCalendar.Hours(9 * 60, 17 * 60),
      DayOfWeek.FRIDAY, new BusinessCalendar.Hours(9 * 60, 17 * 60)), Set.of(LocalDate.of(2030, 12, 25)));

  @Test
  void four_hours_from_friday_afternoon_end_on_monday_morning() {
    // Friday 2030-03-08 15:00 in Berlin (UTC+1): two hours left that day, two more from Monday 09:00.
    Instant due = BERLIN_OFFICE.addWorkingTime(Instant.parse("2030-03-08T14:00:00Z"), Duration.ofHours(4));
    assertThat(due).isEqualTo(Instant.parse("2030-03-11T10:00:00Z"));
  }

  @Test
  void a_holiday_is_skipped() {
    // Tuesday 2030-12-24 16:00 in Berlin: one hour that day, Christmas Day counts nothing, the next hour on Thursday.
    Instant due = BERLIN_OFFICE.addWorkingTime(Instant.parse("2030-12-24T15:00:00Z"), Duration.ofHours(2));
    assertThat(due).isEqualTo(Instant.parse("2030-12-26T09:00:00Z"));
  }

  @Test
  void hours_follow_the_local_clock_across_daylight_saving_time() {
    // Berlin moves from UTC+1 to UTC+2 on 2030-03-31: Friday 16:00 local is 15:00 UTC, Monday 09:00 local is 07:00 UTC.
    Instant due = BERLIN_OFFICE.addWorkingTime(Instant.parse("2030-03-29T15:00:00Z"), Duration.ofHours(2));
    assertThat(due).isEqualTo(Instant.parse("2030-04-01T08:00:00Z"));
  }

  @Test
  void the_day_the_clocks_go_forward_has_23_hours_when_open_all_day() {
    BusinessCalendar always = new BusinessCalendar(ZoneId.of("Europe/Berlin"), BusinessCalendar.ALWAYS.hours(), Set.of());
    Instant from = LocalDate.of(2030, 3, 31).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
    Instant to = LocalDate.of(2030, 4, 1).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
    assertThat(always.workingTimeBetween(from, to)).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void a_calendar_that_never_opens_never_reaches_a_target() {
    BusinessCalendar closed = new BusinessCalendar(ZoneId.of("UTC"), Map.of(), Set.of());
    assertThat(closed.addWorkingTime(Instant.parse("2030-01-01T00:00:00Z"), Duration.ofMinutes(1))).isNull();
  }
}

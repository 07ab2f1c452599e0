package dev.saaskit.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The working-time arithmetic over random calendars: zones with and without daylight saving time
 * (and half-hour offsets), opening hours per weekday, holidays, starts and amounts at any minute.
 */
class BusinessCalendarProperties {

  static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Adelaide",
      "Pacific/Auckland", "America/Sao_Paulo", "Asia/Tokyo");
  /** Starts from 2029 to 2031: several daylight-saving changes in every zone that has them. */
  static final Instant EPOCH = Instant.parse("2029-01-01T00:00:00Z");

  @Provide
  Arbitrary<BusinessCalendar> calendars() {
    return calendarArbitrary();
  }

  static Arbitrary<BusinessCalendar> calendarArbitrary() {
    Arbitrary<ZoneId> zone = Arbitraries.of(ZONES).map(ZoneId::of);
    Arbitrary<BusinessCalendar.Hours> hours = Arbitraries.integers().between(0, 1439)
        .flatMap(opens -> Arbitraries.integers().between(opens + 1, 1440).map(closes -> new BusinessCalendar.Hours(opens, closes)));
    Arbitrary<Map<DayOfWeek, BusinessCalendar.Hours>> week = Arbitraries.maps(Arbitraries.of(DayOfWeek.class), hours).ofMinSize(1).ofMaxSize(7);
    Arbitrary<Set<LocalDate>> holidays = Arbitraries.integers().between(0, 3 * 366).map(d -> LocalDate.of(2029, 1, 1).plusDays(d))
        .set().ofMaxSize(40);
    return Combinators.combine(zone, week, holidays).as((z, w, h) -> new BusinessCalendar(z, new EnumMap<>(w), new HashSet<>(h)));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, Duration.ofDays(2 * 366).toMinutes()).map(m -> EPOCH.plus(m, ChronoUnit.MINUTES));
  }

  @Property(tries = 300)
  void adding_working_time_then_measuring_it_gives_it_back(
      @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll @IntRange(min = 0, max = 20_000) int minutes) {
    Instant due = calendar.addWorkingTime(start, Duration.ofMinutes(minutes));

    if (due == null) {
      assertThat(calendar.workingTimeBetween(start, start.plus(Duration.ofDays(3 * 365)))).as("only a target beyond three years has no due time")
          .isLessThan(Duration.ofMinutes(minutes));
      return;
    }
    assertThat(calendar.workingTimeBetween(start, due)).isEqualTo(Duration.ofMinutes(minutes));
  }

  @Property(tries = 300)
  void the_due_time_is_the_earliest_one(
      @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll @IntRange(min = 1, max = 20_000) int minutes) {
    Instant due = calendar.addWorkingTime(start, Duration.ofMinutes(minutes));
    Assume.that(due != null);

    assertThat(calendar.workingTimeBetween(start, due.minusSeconds(1))).isLessThan(Duration.ofMinutes(minutes));
    assertThat(calendar.isWorking(due.minusSeconds(1))).as("the last second counted is working time").isTrue();
  }

  @Property(tries = 300)
  void adding_in_two_steps_is_adding_once(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 10_000) int first, @ForAll @IntRange(min = 1, max = 10_000) int second) {
    Instant once = calendar.addWorkingTime(start, Duration.ofMinutes(first + second));
    Assume.that(once != null);
    Instant stepwise = calendar.addWorkingTime(calendar.addWorkingTime(start, Duration.ofMinutes(first)), Duration.ofMinutes(second));

    assertThat(stepwise).isEqualTo(once);
  }

  @Property(tries = 200)
  void working_time_adds_up_over_a_split_and_never_exceeds_the_clock(@ForAll("calendars") BusinessCalendar calendar,
      @ForAll("instants") Instant a, @ForAll @IntRange(min = 0, max = 30_000) int toMiddle, @ForAll @IntRange(min = 0, max = 30_000) int toEnd) {
    Instant middle = a.plus(toMiddle, ChronoUnit.MINUTES);
    Instant end = middle.plus(toEnd, ChronoUnit.MINUTES);

    Duration whole = calendar.workingTimeBetween(a, end);

    assertThat(whole).isEqualTo(calendar.workingTimeBetween(a, middle).plus(calendar.workingTimeBetween(middle, end)));
    assertThat(whole).isLessThanOrEqualTo(Duration.between(a, end));
  }

  @Property(tries = 200)
  void working_time_is_what_a_minute_by_minute_count_finds(@ForAll("calendars") BusinessCalendar calendar,
      @ForAll("instants") Instant start, @ForAll @IntRange(min = 0, max = 5_000) int minutes) {
    long counted = 0;
    for (Instant t = start; t.isBefore(start.plus(minutes, ChronoUnit.MINUTES)); t = t.plus(1, ChronoUnit.MINUTES)) {
      counted += calendar.isWorking(t) ? 1 : 0;
    }
    assertThat(calendar.workingTimeBetween(start, start.plus(minutes, ChronoUnit.MINUTES))).isEqualTo(Duration.ofMinutes(counted));
  }

  @Property(tries = 200)
  void nothing_counts_on_a_holiday(@ForAll("calendars") BusinessCalendar calendar, @ForAll @IntRange(min = 0, max = 700) int day) {
    LocalDate holiday = LocalDate.of(2029, 3, 1).plusDays(day);
    Set<LocalDate> holidays = new HashSet<>(calendar.holidays());
    holidays.add(holiday);
    BusinessCalendar withHoliday = new BusinessCalendar(calendar.zone(), calendar.hours(), holidays);

    Instant from = holiday.atStartOfDay(calendar.zone()).toInstant();
    Instant to = holiday.plusDays(1).atStartOfDay(calendar.zone()).toInstant();

    assertThat(withHoliday.workingTimeBetween(from, to)).isZero();
  }

  @Property(tries = 100)
  void all_day_every_day_is_the_wall_clock_in_any_zone(@ForAll("instants") Instant start, @ForAll @IntRange(min = 0, max = 100_000) int minutes,
      @ForAll("zones") ZoneId zone) {
    BusinessCalendar always = new BusinessCalendar(zone, BusinessCalendar.ALWAYS.hours(), Set.of());

    assertThat(always.addWorkingTime(start, Duration.ofMinutes(minutes))).isEqualTo(start.plus(minutes, ChronoUnit.MINUTES));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES).map(ZoneId::of);
  }
}

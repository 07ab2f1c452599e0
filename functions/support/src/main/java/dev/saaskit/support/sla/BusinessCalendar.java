package dev.saaskit.support.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * When an organization's support works: a time zone, opening hours per weekday (one span a day,
 * closing at 24:00 at the latest) and holidays, on which nothing counts. SLA clocks count only
 * this working time. A local day's span is turned into instants in the zone, so a day on which the
 * clocks change is an hour shorter or longer, and an opening time that falls into a spring-forward
 * gap moves to the end of the gap, as {@link ZonedDateTime#of} places it.
 *
 * @param hours the open weekdays; a weekday not in the map is closed
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> hours, Set<LocalDate> holidays) {

  /** Every day, all day, in UTC: what an organization has until it sets its own. */
  public static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneId.of("UTC"), allWeek(Hours.ALL_DAY), Set.of());

  /** Beyond this many days from the start without reaching the target, the target is never reached. */
  private static final int HORIZON_DAYS = 3 * 366;

  /** Opening hours of one day, in minutes since midnight: {@code opens < closes <= 1440}. */
  public record Hours(int opens, int closes) {

    public static final Hours ALL_DAY = new Hours(0, 24 * 60);

    public Hours {
      if (opens < 0 || closes > 24 * 60 || opens >= closes) {
        throw new IllegalArgumentException("opening hours must open before they close, within the day");
      }
    }
  }

  public BusinessCalendar {
    hours = Map.copyOf(hours);
    holidays = Set.copyOf(holidays);
  }

  static Map<DayOfWeek, Hours> allWeek(Hours hours) {
    Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, hours);
    }
    return week;
  }

  /** The working time from {@code from} to {@code to}; zero when {@code to} is not after {@code from}. */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
      Span span = span(day);
      if (span != null) {
        Instant start = max(span.start(), from);
        Instant end = min(span.end(), to);
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /**
   * The earliest instant by which {@code amount} of working time has passed since {@code start}:
   * {@code start} itself for zero, else a moment inside working time. Null when the calendar does
   * not reach it within about three years (no open day, or holidays all the way).
   */
  public Instant addWorkingTime(Instant start, Duration amount) {
    if (amount.isNegative() || amount.isZero()) {
      return start;
    }
    Duration remaining = amount;
    LocalDate first = start.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= HORIZON_DAYS; i++) {
      Span span = span(first.plusDays(i));
      if (span == null) {
        continue;
      }
      Instant from = max(span.start(), start);
      if (!span.end().isAfter(from)) {
        continue;
      }
      Duration available = Duration.between(from, span.end());
      if (remaining.compareTo(available) <= 0) {
        return from.plus(remaining);
      }
      remaining = remaining.minus(available);
    }
    return null;
  }

  /** True when {@code at} is inside working time. */
  public boolean isWorking(Instant at) {
    LocalDate day = at.atZone(zone).toLocalDate();
    for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
      Span span = span(d);
      if (span != null && !at.isBefore(span.start()) && at.isBefore(span.end())) {
        return true;
      }
    }
    return false;
  }

  private record Span(Instant start, Instant end) {}

  /** The working span of a local day, as instants; null when the day is closed or a holiday. */
  private Span span(LocalDate day) {
    Hours h = hours.get(day.getDayOfWeek());
    if (h == null || holidays.contains(day)) {
      return null;
    }
    return new Span(at(day, h.opens()), at(day, h.closes()));
  }

  private Instant at(LocalDate day, int minutes) {
    if (minutes == 24 * 60) {
      return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(day, LocalTime.of(minutes / 60, minutes % 60), zone).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

package dev.saaskit.support.sla;

import dev.saaskit.shared.validation.Violations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A business calendar as the API reads and writes it: {@code {"time_zone": "Europe/Berlin",
 * "business_hours": {"monday": {"opens": "09:00", "closes": "17:00"}, ...}, "holidays":
 * ["2030-12-25"]}}. A weekday left out is closed; {@code "24:00"} closes at midnight.
 */
public record CalendarView(String timeZone, Map<String, Span> businessHours, List<LocalDate> holidays) {

  public static final int MAX_HOLIDAYS = 366;

  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");

  /** One day's opening hours, {@code HH:MM}. */
  public record Span(String opens, String closes) {}

  public static CalendarView of(BusinessCalendar calendar) {
    Map<String, Span> hours = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      BusinessCalendar.Hours h = calendar.hours().get(day);
      if (h != null) {
        hours.put(name(day), new Span(time(h.opens()), time(h.closes())));
      }
    }
    return new CalendarView(calendar.zone().getId(), hours, calendar.holidays().stream().sorted().toList());
  }

  /** Checks every field, reporting each mistake to {@code v}. */
  public void validate(Violations v) {
    if (v.required("time_zone", timeZone)) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        v.add("time_zone", "must be a time zone of the IANA database, e.g. Europe/Berlin");
      }
    }
    if (v.required("business_hours", businessHours)) {
      if (businessHours.isEmpty()) {
        v.add("business_hours", "must open on at least one weekday");
      }
      businessHours.forEach((day, span) -> {
        String field = "business_hours." + day;
        if (weekday(day) == null) {
          v.add(field, "is not a weekday; use monday to sunday");
        } else if (span == null || minutes(span.opens()) < 0 || minutes(span.closes()) < 0) {
          v.add(field, "must be {\"opens\": \"HH:MM\", \"closes\": \"HH:MM\"}");
        } else if (minutes(span.opens()) >= minutes(span.closes()) || minutes(span.opens()) >= 24 * 60) {
          v.add(field, "must open before it closes, closing at 24:00 at the latest");
        }
      });
    }
    if (holidays != null && holidays.size() > MAX_HOLIDAYS) {
      v.add("holidays", "must hold at most " + MAX_HOLIDAYS + " days");
    }
    v.distinct("holidays", holidays);
  }

  /** The calendar this describes; call after {@link #validate} found nothing. */
  public BusinessCalendar calendar() {
    Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
    businessHours.forEach((day, span) -> hours.put(weekday(day), new BusinessCalendar.Hours(minutes(span.opens()), minutes(span.closes()))));
    Set<LocalDate> days = holidays == null ? Set.of() : new HashSet<>(holidays);
    return new BusinessCalendar(ZoneId.of(timeZone), hours, days);
  }

  private static DayOfWeek weekday(String name) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (name(day).equals(name)) {
        return day;
      }
    }
    return null;
  }

  private static String name(DayOfWeek day) {
    return day.name().toLowerCase(Locale.ROOT);
  }

  /** Minutes since midnight of {@code HH:MM}, or -1 when it is not a time of day (24:00 included). */
  private static int minutes(String time) {
    Matcher m = time == null ? null : TIME.matcher(time);
    if (m == null || !m.matches()) {
      return -1;
    }
    int minutes = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    return minutes > 24 * 60 ? -1 : minutes;
  }

  private static String time(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}

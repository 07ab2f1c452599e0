package dev.saaskit.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, evaluated in UTC: {@code rate(N minute|minutes|hour|hours|day|days)}
 * or {@code cron(minutes hours day-of-month month day-of-week year)} with AWS's syntax: lists, ranges,
 * steps, {@code *}, {@code ?} in exactly one of the two day fields, month and weekday names (weekdays
 * 1 = SUN .. 7 = SAT), {@code L} (last day of the month, or {@code nL} the last weekday n of it),
 * {@code nW} (the weekday nearest day n) and {@code n#k} (the k-th weekday n of the month).
 */
sealed interface ScheduleExpression {

  /** The first time strictly after {@code after} at which the schedule fires, if any is left. */
  Optional<Instant> next(Instant after);

  static ScheduleExpression parse(String expression) {
    Matcher rate = Pattern.compile("rate\\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\\)").matcher(expression);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      Duration period = switch (rate.group(2)) {
        case "minute", "minutes" -> Duration.ofMinutes(n);
        case "hour", "hours" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return new Rate(period);
    }
    Matcher cron = Pattern.compile("cron\\((.*)\\)").matcher(expression);
    if (cron.matches()) {
      return Cron.parse(cron.group(1).trim());
    }
    throw new IllegalArgumentException("'" + expression + "' is neither rate(N unit) nor cron(6 fields)");
  }

  /** Fires every {@code period}, the first time one period after it is scheduled. */
  record Rate(Duration period) implements ScheduleExpression {
    @Override
    public Optional<Instant> next(Instant after) {
      return Optional.of(after.plus(period));
    }
  }

  /** A six-field AWS cron expression. */
  record Cron(BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) implements ScheduleExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int LAST_YEAR = 2199;

    static Cron parse(String fields) {
      String[] f = fields.split("\\s+");
      if (f.length != 6) {
        throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year), got " + f.length);
      }
      boolean domAny = f[2].equals("?");
      boolean dowAny = f[4].equals("?");
      if (domAny == dowAny) {
        throw new IllegalArgumentException("cron needs '?' in exactly one of day-of-month and day-of-week");
      }
      DayRule days = domAny ? weekdayRule(f[4].toUpperCase(Locale.ROOT)) : monthDayRule(f[2].toUpperCase(Locale.ROOT));
      return new Cron(
          values(f[0], 0, 59, List.of(), "minutes"),
          values(f[1], 0, 23, List.of(), "hours"),
          days,
          values(f[3].toUpperCase(Locale.ROOT), 1, 12, MONTHS, "month"),
          values(f[5], 1970, LAST_YEAR, List.of(), "year"));
    }

    @Override
    public Optional<Instant> next(Instant after) {
      LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      for (LocalDate day = start.toLocalDate(); day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
        if (!years.get(day.getYear())) {
          if (years.nextSetBit(day.getYear()) < 0) {
            return Optional.empty();
          }
          day = LocalDate.of(years.nextSetBit(day.getYear()), 1, 1).minusDays(1);
          continue;
        }
        if (!months.get(day.getMonthValue()) || !days.matches(day)) {
          continue;
        }
        int fromHour = day.equals(start.toLocalDate()) ? start.getHour() : 0;
        for (int h = hours.nextSetBit(fromHour); h >= 0; h = hours.nextSetBit(h + 1)) {
          int fromMinute = day.equals(start.toLocalDate()) && h == start.getHour() ? start.getMinute() : 0;
          int m = minutes.nextSetBit(fromMinute);
          if (m >= 0) {
            return Optional.of(day.atTime(h, m).toInstant(ZoneOffset.UTC));
          }
        }
      }
      return Optional.empty();
    }

    private static DayRule monthDayRule(String field) {
      if (field.equals("L")) {
        return day -> day.getDayOfMonth() == day.lengthOfMonth();
      }
      Matcher w = Pattern.compile("([1-9]|[12][0-9]|3[01])W").matcher(field);
      if (w.matches()) {
        int target = Integer.parseInt(w.group(1));
        return day -> target <= day.lengthOfMonth() && day.getDayOfMonth() == nearestWeekday(day, target);
      }
      if (field.contains("L") || field.contains("W") || field.contains("#")) {
        throw new IllegalArgumentException("day-of-month '" + field + "': L and nW stand alone; # belongs to day-of-week");
      }
      BitSet set = values(field, 1, 31, List.of(), "day-of-month");
      return day -> set.get(day.getDayOfMonth());
    }

    private static DayRule weekdayRule(String field) {
      if (field.equals("L")) {
        return day -> weekday(day) == 7;
      }
      Matcher last = Pattern.compile("([1-7]|[A-Z]{3})L").matcher(field);
      if (last.matches()) {
        int wanted = weekdayNumber(last.group(1));
        return day -> weekday(day) == wanted && day.plusWeeks(1).getMonthValue() != day.getMonthValue();
      }
      Matcher nth = Pattern.compile("([1-7]|[A-Z]{3})#([1-5])").matcher(field);
      if (nth.matches()) {
        int wanted = weekdayNumber(nth.group(1));
        int k = Integer.parseInt(nth.group(2));
        return day -> weekday(day) == wanted && (day.getDayOfMonth() - 1) / 7 + 1 == k;
      }
      if (field.contains("L") || field.contains("#")) {
        throw new IllegalArgumentException("day-of-week '" + field + "': nL and n#k stand alone");
      }
      BitSet set = values(field, 1, 7, WEEKDAYS, "day-of-week");
      return day -> set.get(weekday(day));
    }

    /** AWS numbers weekdays 1 = Sunday .. 7 = Saturday. */
    private static int weekday(LocalDate day) {
      return day.getDayOfWeek().getValue() % 7 + 1;
    }

    private static int weekdayNumber(String token) {
      int index = WEEKDAYS.indexOf(token);
      if (index >= 0) {
        return index + 1;
      }
      if (token.matches("[1-7]")) {
        return Integer.parseInt(token);
      }
      throw new IllegalArgumentException("day-of-week '" + token + "' is not 1-7 or SUN-SAT");
    }

    private static int nearestWeekday(LocalDate day, int target) {
      LocalDate t = day.withDayOfMonth(target);
      if (t.getDayOfWeek() == DayOfWeek.SATURDAY) {
        return target == 1 ? 3 : target - 1;
      }
      if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
        return target == day.lengthOfMonth() ? target - 2 : target + 1;
      }
      return target;
    }

    /** A field of {@code *}, values, ranges and steps, separated by commas. */
    private static BitSet values(String field, int min, int max, List<String> names, String what) {
      BitSet set = new BitSet(max + 1);
      for (String part : field.split(",", -1)) {
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
          range = part.substring(0, slash);
          step = number(part.substring(slash + 1), 1, max, List.of(), what);
        }
        int from;
        int to;
        if (range.equals("*")) {
          from = min;
          to = max;
        } else if (range.contains("-")) {
          String[] ends = range.split("-", 2);
          from = number(ends[0], min, max, names, what);
          to = number(ends[1], min, max, names, what);
          if (to < from) {
            throw new IllegalArgumentException(what + " range '" + range + "' runs backwards");
          }
        } else {
          from = number(range, min, max, names, what);
          to = slash >= 0 ? max : from;
        }
        for (int v = from; v <= to; v += step) {
          set.set(v);
        }
      }
      return set;
    }

    private static int number(String token, int min, int max, List<String> names, String what) {
      int index = names.indexOf(token);
      if (index >= 0) {
        return index + 1;
      }
      try {
        int v = Integer.parseInt(token);
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException(what + " value '" + token + "' is not between " + min + " and " + max);
    }
  }

  /** Which days of a month a cron expression's day fields allow. */
  @FunctionalInterface
  interface DayRule {
    boolean matches(LocalDate day);
  }
}

package dev.saaskit.audit.analytics;

import dev.saaskit.audit.logs.AuditFilter;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * What an analytics route reads: the organization (the caller's own; for a super_admin the one
 * named with {@code organization_id}, or every one, like the audit list), the range {@code from}
 * inclusive to {@code to} exclusive in whole hours (UTC), and the roll-up it is read from: the daily
 * one when both ends are whole days and the hourly one otherwise, unless the route asks for one.
 */
record AnalyticsRange(UUID organizationId, Instant from, Instant to, Granularity granularity) {

  /** The roll-up a range is read from, by its period. */
  enum Granularity {
    HOUR("usage_hourly", ChronoUnit.HOURS, Duration.ofDays(31)),
    DAY("usage_daily", ChronoUnit.DAYS, Duration.ofDays(366));

    final String table;
    final ChronoUnit unit;
    final Duration maxSpan;

    Granularity(String table, ChronoUnit unit, Duration maxSpan) {
      this.table = table;
      this.unit = unit;
      this.maxSpan = maxSpan;
    }

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The longest range of the routes that choose their roll-up themselves. */
  static final Duration MAX_SPAN = Duration.ofDays(366);

  /** {@code ?from=&to=&granularity=hour|day&organization_id=}: the usage route's, whose periods the caller chooses. */
  static AnalyticsRange withGranularity(Call<?> call) {
    String raw = call.query("granularity").orElse(null);
    if (raw == null) {
      throw invalid("granularity is required: hour or day");
    }
    Granularity granularity = switch (raw) {
      case "hour" -> Granularity.HOUR;
      case "day" -> Granularity.DAY;
      default -> throw invalid("granularity must be hour or day");
    };
    return parse(call, granularity, granularity.maxSpan);
  }

  /** {@code ?from=&to=&organization_id=}: read from the daily roll-up when the range is whole days. */
  static AnalyticsRange of(Call<?> call) {
    AnalyticsRange range = parse(call, Granularity.HOUR, MAX_SPAN);
    boolean wholeDays = isWhole(range.from, ChronoUnit.DAYS) && isWhole(range.to, ChronoUnit.DAYS);
    return wholeDays ? new AnalyticsRange(range.organizationId, range.from, range.to, Granularity.DAY) : range;
  }

  private static AnalyticsRange parse(Call<?> call, Granularity granularity, Duration maxSpan) {
    UUID organization = AuditFilter.scope(call.caller(), organization(call));
    Instant from = instant(call, "from");
    Instant to = instant(call, "to");
    if (!from.isBefore(to)) {
      throw invalid("from must be before to");
    }
    String period = granularity == Granularity.DAY ? "day" : "hour";
    if (!isWhole(from, granularity.unit) || !isWhole(to, granularity.unit)) {
      throw invalid("from and to must be whole " + period + "s (UTC), e.g. "
          + (granularity == Granularity.DAY ? "2030-01-02T00:00:00Z" : "2030-01-02T03:00:00Z"));
    }
    if (Duration.between(from, to).compareTo(maxSpan) > 0) {
      throw invalid("the range may span at most " + maxSpan.toDays() + " days");
    }
    return new AnalyticsRange(organization, from, to, granularity);
  }

  private static boolean isWhole(Instant instant, ChronoUnit unit) {
    return instant.truncatedTo(unit).equals(instant);
  }

  private static UUID organization(Call<?> call) {
    String raw = call.query("organization_id").orElse(null);
    if (raw == null) {
      return null;
    }
    UUID id = Ids.parse(raw);
    if (id == null) {
      throw invalid("organization_id must be a UUID");
    }
    return id;
  }

  private static Instant instant(Call<?> call, String name) {
    String raw = call.query(name).orElseThrow(() -> invalid(name + " is required, an ISO-8601 UTC time such as 2030-01-02T00:00:00Z"));
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 UTC time such as 2030-01-02T00:00:00Z");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(ProblemType.INVALID_PARAMETER, detail);
  }
}

package dev.saaskit.audit.analytics;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes audit's roll-ups: {@code usage_hourly} from {@code request_records}, {@code usage_daily} from the hours. */
final class UsageRollups {

  private static final String ROLL_UP_HOURS = SqlFiles.load(UsageRollups.class, "roll_up_hours");
  private static final String ROLL_UP_DAYS = SqlFiles.load(UsageRollups.class, "roll_up_days");

  private final Handle db;

  UsageRollups(Handle db) {
    this.db = db;
  }

  /**
   * The hours (their starts) that records arrived in since the last run, whatever the time they
   * tell of (a record CloudWatch delivers late changes an hour rolled up before), looking back
   * {@code overlap} before its mark: a record is stamped with its insert's transaction time, which
   * may be before the last run while the transaction committed after it.
   */
  SortedSet<Instant> hoursArrivedSinceLastRun(Duration overlap) {
    return db.createQuery(
            """
            select distinct date_trunc('hour', occurred_at, 'UTC') as hour
              from request_records
             where recorded_at > (select records_through - cast(:overlap as interval) from usage_rollup_state)
            """)
        .bind("overlap", overlap.toSeconds() + " seconds")
        .mapTo(Instant.class)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Marks every record that arrived up to the database's now as rolled up. */
  void markRolledUpToNow() {
    db.createUpdate("update usage_rollup_state set records_through = now()").execute();
  }

  /** Recomputes each of {@code hours} (their starts) from its records; answers the rows written. */
  int rollUpHours(Collection<Instant> hours) {
    return db.createUpdate(ROLL_UP_HOURS)
        .bind("hours", literal(hours))
        .bind("bounds", DurationHistogram.boundsLiteral())
        .bind("buckets", DurationHistogram.BUCKETS)
        .execute();
  }

  /** Recomputes the UTC days of {@code hours} from their hours; answers the rows written. */
  int rollUpDaysOf(Collection<Instant> hours) {
    List<Instant> days = hours.stream().map(h -> h.truncatedTo(ChronoUnit.DAYS)).distinct().toList();
    return db.createUpdate(ROLL_UP_DAYS).bind("days", literal(days)).execute();
  }

  /** Deletes up to {@code limit} records that occurred before {@code cutoff}; answers how many. */
  int purgeRecordsBefore(Instant cutoff, int limit) {
    return db.createUpdate(
            """
            delete from request_records
             where record_id in (select record_id from request_records where occurred_at < :cutoff order by occurred_at limit :limit)
            """)
        .bind("cutoff", cutoff)
        .bind("limit", limit)
        .execute();
  }

  /** {@code {2030-01-02T03:00:00Z,...}}, for {@code cast(:x as timestamptz[])}. */
  private static String literal(Collection<Instant> instants) {
    return instants.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
  }
}

package dev.saaskit.audit.analytics;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every 5 minutes: recomputes the hours whose numbers may still change from {@code request_records}
 * (the current hour and the {@link #RECENT_HOURS} before it, and every hour a record arrived in
 * since the last run, however late), then the UTC days of those hours from their hours; and
 * deletes records older than {@code USAGE_RECORD_RETENTION_DAYS} (7), in batches of {@link #BATCH}
 * up to {@link #MAX_PURGED_PER_RUN}. Hours before the retention cutoff are never recomputed: their
 * records are partly gone, so their roll-ups stay as they were (a record arriving that late is
 * dropped).
 */
public final class RollUpUsage implements ScheduledJob {

  static final int RECENT_HOURS = 3;
  static final int BATCH = 5000;
  static final int MAX_PURGED_PER_RUN = 500_000;
  /** How far before the last run's mark a run looks for arrivals (UsageRollups.hoursArrivedSinceLastRun). */
  static final Duration ARRIVAL_OVERLAP = Duration.ofMinutes(10);

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    UsageRollups rollups = new UsageRollups(run.db());
    Instant cutoff = run.now().minus(Duration.ofDays(Settings.getInt("USAGE_RECORD_RETENTION_DAYS", 7)));
    Instant currentHour = run.now().truncatedTo(ChronoUnit.HOURS);

    SortedSet<Instant> hours = new TreeSet<>(rollups.hoursArrivedSinceLastRun(ARRIVAL_OVERLAP));
    for (int back = 0; back <= RECENT_HOURS; back++) {
      hours.add(currentHour.minus(back, ChronoUnit.HOURS));
    }
    hours.removeIf(hour -> hour.isBefore(cutoff));
    int hourRows = rollups.rollUpHours(hours);
    int dayRows = hours.isEmpty() ? 0 : rollups.rollUpDaysOf(hours);
    rollups.markRolledUpToNow();

    int purged = 0;
    int deleted;
    do {
      deleted = rollups.purgeRecordsBefore(cutoff, BATCH);
      purged += deleted;
    } while (deleted == BATCH && purged < MAX_PURGED_PER_RUN);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("hours_recomputed", hours.size());
    result.put("hourly_rows", hourRows);
    result.put("daily_rows", dayRows);
    result.put("purged_records", purged);
    return result;
  }
}

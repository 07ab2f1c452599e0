package dev.saaskit.audit.retention;

import dev.saaskit.shared.audit.AuditRetention;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Daily: deletes audit entries past their plan's {@code audit_retention_days} (entries of no
 * organization after {@code AUDIT_PLATFORM_RETENTION_DAYS}, 365 by default), through the runtime that
 * owns them, in batches up to {@link #MAX_PER_RUN} a run (the next run takes the rest); and audit
 * and data export files past their keeping time.
 */
public final class ApplyAuditRetention implements ScheduledJob {

  static final int BATCH = 5000;
  static final int MAX_PER_RUN = 500_000;

  private final Supplier<ObjectStorage> storage;

  public ApplyAuditRetention(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Instant platformCutoff = run.now().minus(Duration.ofDays(Settings.getInt("AUDIT_PLATFORM_RETENTION_DAYS", 365)));
    int purged = 0;
    int deleted;
    do {
      deleted = AuditRetention.purgeExpired(run.db(), run.now(), platformCutoff, BATCH);
      purged += deleted;
    } while (deleted == BATCH && purged < MAX_PER_RUN);
    ExpiredExportFiles.Deleted files = ExpiredExportFiles.delete(run.db(), storage.get(), run.now());
    return Map.of("purged_entries", purged, "expired_export_files", files.auditExports(), "expired_data_export_files", files.dataExports());
  }
}

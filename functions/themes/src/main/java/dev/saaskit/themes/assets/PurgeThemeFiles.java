package dev.saaskit.themes.assets;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.shared.storage.DeletedFiles;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code themes-purge-files} (hourly): deletes uploads never completed, an hour after their window
 * closed (a PUT begun in time has long finished; one never completed is no theme's logo or
 * favicon), then the files of deleted uploads: those, and a purged organization's, whose rows its
 * purge deleted by cascade. Every organization's, up to {@value #BATCH} of each a run.
 */
public final class PurgeThemeFiles implements ScheduledJob {

  static final Duration GRACE = Duration.ofHours(1);
  static final int BATCH = 200;

  private final Supplier<ObjectStorage> storage;

  public PurgeThemeFiles(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    int purged = run.db().createUpdate(
            """
            delete from theme_uploads where id in (
              select id from theme_uploads where completed_at is null and expires_at < :before
               order by expires_at limit :limit for update skip locked)
            """)
        .bind("before", run.now().minus(GRACE))
        .bind("limit", BATCH)
        .execute();
    int files = DeletedFiles.sweep(run.db(), storage.get(), "theme_deleted_files", BATCH);
    return Map.of("purged", purged, "deleted_files", files);
  }
}

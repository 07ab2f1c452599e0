package dev.saaskit.support.attachments;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.shared.storage.DeletedFiles;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code support-purge-uploads} (hourly): deletes uploads never completed, an hour after their
 * window closed (a PUT begun in time has long finished), which frees their bytes of the storage
 * limit; then the files of deleted attachments: those, rejected uploads' and a purged
 * organization's, whose rows its purge deleted by cascade. Every organization's, up to
 * {@value #BATCH} of each a run.
 */
public final class PurgeUploads implements ScheduledJob {

  static final Duration GRACE = Duration.ofHours(1);
  static final int BATCH = 200;

  private final Supplier<ObjectStorage> storage;

  public PurgeUploads(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    int purged = new Attachments(run.db()).deleteAbandoned(run.now().minus(GRACE), BATCH);
    int files = DeletedFiles.sweep(run.db(), storage.get(), "support_deleted_files", BATCH);
    return Map.of("purged", purged, "deleted_files", files);
  }
}

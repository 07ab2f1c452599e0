package dev.saaskit.support.attachments;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code support-purge-uploads}: deletes uploads never completed, an hour after their window
 * closed (a PUT begun in time has long finished), object first, then the row, which frees their
 * bytes of the storage limit. Every organization's, up to {@value #BATCH} a run.
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
    Attachments attachments = new Attachments(run.db());
    List<Attachment> abandoned = attachments.abandoned(run.now().minus(GRACE), BATCH);
    for (Attachment a : abandoned) {
      storage.get().delete(a.objectKey());
      attachments.delete(a);
    }
    return Map.of("purged", abandoned.size());
  }
}

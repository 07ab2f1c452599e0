package dev.saaskit.audit.dataexports;

import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Data export files past their keeping time ({@code DATA_EXPORT_FILE_DAYS}): deleted from S3, their exports marked expired. */
public final class DataExportFiles {

  static final int BATCH = 500;

  private DataExportFiles() {}

  /** Deletes up to a batch of expired files; answers how many. */
  public static int deleteExpired(Handle db, ObjectStorage storage, Instant now) {
    DataExportStore exports = new DataExportStore(db);
    List<DataExportStore.ExpiredFile> files = exports.expiredFiles(now, BATCH);
    for (DataExportStore.ExpiredFile file : files) {
      storage.delete(file.objectKey());
      exports.expired(file.id());
    }
    return files.size();
  }
}

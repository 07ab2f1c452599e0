package dev.saaskit.audit.dataexports;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization data export as its routes show it. {@code status}: queued (waiting for the
 * consumer), running ({@code progress} grows batch by batch), completed (the file is in S3: {@code
 * download_url} works until {@code download_expires_at}; the file is kept until {@code
 * file_expires_at}), failed ({@code error} says why), or expired (the file was deleted).
 */
public record DataExport(
    UUID id,
    String status,
    Progress progress,
    Long rowCount,
    Long sizeBytes,
    String error,
    Instant createdAt,
    Instant completedAt,
    Instant fileExpiresAt,
    URI downloadUrl,
    Instant downloadExpiresAt) {

  /** The sections written so far, in the file's order, of {@code sections_total}, and the lines written so far. */
  public record Progress(List<String> sectionsDone, int sectionsTotal, long rowsWritten) {}

  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String COMPLETED = "completed";

  DataExport withDownload(URI url, Instant expiresAt) {
    return new DataExport(id, status, progress, rowCount, sizeBytes, error, createdAt, completedAt, fileExpiresAt, url, expiresAt);
  }
}

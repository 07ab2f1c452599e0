package dev.saaskit.audit.exports;

import dev.saaskit.audit.logs.AuditFilter;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An export as its routes show it. {@code status}: queued (the consumer has not written it yet),
 * succeeded (the file is in S3: {@code download_url} works until {@code download_expires_at}, and the
 * file is kept until {@code file_expires_at}), failed ({@code error} says why), or expired (the file was
 * deleted after {@code file_expires_at}).
 */
public record AuditExport(
    UUID id,
    String status,
    String format,
    AuditFilter filter,
    Long rowCount,
    Long sizeBytes,
    String error,
    Instant createdAt,
    Instant completedAt,
    Instant fileExpiresAt,
    URI downloadUrl,
    Instant downloadExpiresAt) {

  static final String QUEUED = "queued";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String EXPIRED = "expired";

  AuditExport withDownload(URI url, Instant expiresAt) {
    return new AuditExport(id, status, format, filter, rowCount, sizeBytes, error, createdAt, completedAt, fileExpiresAt, url, expiresAt);
  }
}

package dev.saaskit.support.attachments;

import java.time.Instant;
import java.util.UUID;

/**
 * A file of a ticket. Its object's key is {@code support/<organization>/<ticket>/<attachment>}.
 *
 * @param status {@code pending} until complete found the object as declared, then {@code available}
 */
public record Attachment(
    UUID id,
    UUID ticketId,
    UUID organizationId,
    UUID uploadedBy,
    String fileName,
    String contentType,
    long sizeBytes,
    String objectKey,
    String status,
    Instant uploadExpiresAt,
    Instant createdAt,
    Instant completedAt) {

  public static final String AVAILABLE = "available";

  static String objectKey(UUID organization, UUID ticket, UUID attachment) {
    return "support/" + organization + "/" + ticket + "/" + attachment;
  }

  /** What the API shows of an attachment; never the object key. */
  public record View(UUID id, UUID ticketId, UUID uploadedBy, String fileName, String contentType, long sizeBytes, String status,
      Instant createdAt, Instant completedAt) {}

  View view() {
    return new View(id, ticketId, uploadedBy, fileName, contentType, sizeBytes, status, createdAt, completedAt);
  }
}

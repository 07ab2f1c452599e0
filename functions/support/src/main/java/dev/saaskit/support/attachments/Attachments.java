package dev.saaskit.support.attachments;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.Tickets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code support_attachments} of a ticket the caller reaches (found through {@link Tickets} first). */
final class Attachments {

  private static final String COLUMNS =
      "id, ticket_id, organization_id, uploaded_by, file_name, content_type, size_bytes, object_key, status, upload_expires_at, created_at, completed_at";

  private final Handle db;

  Attachments(Handle db) {
    this.db = db;
  }

  Attachment insert(Ticket ticket, UUID id, UUID uploadedBy, String fileName, String contentType, long size, Instant uploadExpiresAt) {
    return db.createQuery(
            """
            insert into support_attachments (id, ticket_id, organization_id, uploaded_by, file_name, content_type, size_bytes,
                                             object_key, upload_expires_at)
            values (:id, :ticket, :org, :by, :name, :type, :size, :key, :expires)
            returning\s"""
                + COLUMNS)
        .bind("id", id)
        .bind("ticket", ticket.id())
        .bind("org", ticket.organizationId())
        .bind("by", uploadedBy)
        .bind("name", fileName)
        .bind("type", contentType)
        .bind("size", size)
        .bind("key", Attachment.objectKey(ticket.organizationId(), ticket.id(), id))
        .bind("expires", uploadExpiresAt)
        .map(rs -> read(rs))
        .one();
  }

  /** The ticket's attachment, locked until the transaction ends. */
  Optional<Attachment> lock(Ticket ticket, UUID id) {
    return db.createQuery("select " + COLUMNS + " from support_attachments where id = :id and ticket_id = :ticket and organization_id = :org for update")
        .bind("id", id)
        .bind("ticket", ticket.id())
        .bind("org", ticket.organizationId())
        .map(rs -> read(rs))
        .findOne();
  }

  List<Attachment> available(Ticket ticket) {
    return db.createQuery(
            "select " + COLUMNS + " from support_attachments where ticket_id = :ticket and organization_id = :org and status = 'available' order by id")
        .bind("ticket", ticket.id())
        .bind("org", ticket.organizationId())
        .map(rs -> read(rs))
        .list();
  }

  Attachment complete(Attachment a, Instant now) {
    return db.createQuery("update support_attachments set status = 'available', completed_at = :now where id = :id returning " + COLUMNS)
        .bind("id", a.id())
        .bind("now", now)
        .map(rs -> read(rs))
        .one();
  }

  void delete(Attachment a) {
    db.createUpdate("delete from support_attachments where id = :id").bind("id", a.id()).execute();
  }

  /**
   * Deletes up to {@code limit} uploads never completed whose window closed before {@code before},
   * skipping those another run holds: every organization's, since the purge is the platform's
   * housekeeping. Their files' keys stay in support_deleted_files (V95's trigger).
   */
  int deleteAbandoned(Instant before, int limit) {
    return db.createUpdate(
            """
            delete from support_attachments where id in (
              select id from support_attachments where status = 'pending' and upload_expires_at < :before
               order by upload_expires_at limit :limit for update skip locked)
            """)
        .bind("before", before)
        .bind("limit", limit)
        .execute();
  }

  private static Attachment read(ResultSet rs) throws SQLException {
    return new Attachment(
        rs.getObject("id", UUID.class),
        rs.getObject("ticket_id", UUID.class),
        rs.getObject("organization_id", UUID.class),
        rs.getObject("uploaded_by", UUID.class),
        rs.getString("file_name"),
        rs.getString("content_type"),
        rs.getLong("size_bytes"),
        rs.getString("object_key"),
        rs.getString("status"),
        instant(rs, "upload_expires_at"),
        instant(rs, "created_at"),
        instant(rs, "completed_at"));
  }
}

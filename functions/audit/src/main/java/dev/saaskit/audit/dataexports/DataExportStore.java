package dev.saaskit.audit.dataexports;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The {@code data_exports} rows. A consumer's attempt claims its export ({@code attempt} goes up by
 * one) and every later write of that attempt names it, so an attempt that was taken over (its
 * invocation timed out and the message came again) changes nothing any more.
 */
final class DataExportStore {

  /** An export as stored, with the key of its file once written. */
  record Stored(UUID id, UUID organizationId, String objectKey, DataExport view) {}

  /** The exports an organization asked for in a window: how many, and when the oldest of them was. */
  record Recent(int count, Instant oldest) {}

  private static final String COLUMNS = """
      id, organization_id, status, sections_done, rows_written, row_count, size_bytes, object_key, error, created_at,
      completed_at, file_expires_at""";

  private final Handle db;

  DataExportStore(Handle db) {
    this.db = db;
  }

  /** The organization's export still queued or running, if there is one. */
  Optional<UUID> inProgress(UUID organization) {
    return db.createQuery("select id from data_exports where organization_id = :org and status in ('queued', 'running')")
        .bind("org", organization)
        .mapTo(UUID.class)
        .findOne();
  }

  /**
   * Marks failed the organization's exports asked for longer than {@code within} ago and still not
   * written: their messages are gone (every receive timed out), and they must not block a new one.
   */
  void abandonOlderThan(UUID organization, Duration within) {
    db.createUpdate(
            """
            update data_exports set status = 'failed', error = :error, completed_at = now(), updated_at = now()
             where organization_id = :org and status in ('queued', 'running')
               and created_at < now() - make_interval(secs => :seconds)
            """)
        .bind("org", organization).bind("seconds", within.toSeconds())
        .bind("error", "the export did not finish in time; ask for a new one")
        .execute();
  }

  Recent recent(UUID organization, Duration window) {
    return db.createQuery(
            """
            select count(*) as count, min(created_at) as oldest from data_exports
             where organization_id = :org and created_at > now() - make_interval(secs => :seconds)
            """)
        .bind("org", organization).bind("seconds", window.toSeconds())
        .map(rs -> new Recent(rs.getInt("count"), instant(rs, "oldest")))
        .one();
  }

  /** Adds a queued export; false when the organization has one in progress already. */
  boolean create(UUID id, UUID organization, UUID userId) {
    return db.createUpdate(
            """
            insert into data_exports (id, organization_id, requested_by_user_id) values (:id, :org, :user)
            on conflict do nothing
            """)
        .bind("id", id).bind("org", organization).bind("user", userId)
        .execute() == 1;
  }

  Optional<Stored> find(UUID id, UUID organization) {
    return db.createQuery("select " + COLUMNS + " from data_exports where id = :id and organization_id = :org")
        .bind("id", id).bind("org", organization)
        .map(rs -> stored(rs))
        .findOne();
  }

  /**
   * Claims the export for a new attempt, starting its progress afresh: when it is queued, or
   * running under an attempt claimed longer than {@code lease} ago (whose invocation cannot be alive
   * any more). Answers the attempt; empty when the export is written, failed, unknown, or being
   * written by a live attempt.
   */
  OptionalInt claim(UUID id, UUID organization, Duration lease) {
    return db.createQuery(
            """
            update data_exports
               set status = 'running', attempt = attempt + 1, claimed_at = now(), sections_done = '{}', rows_written = 0,
                   updated_at = now()
             where id = :id and organization_id = :org
               and (status = 'queued' or (status = 'running' and claimed_at < now() - make_interval(secs => :lease_seconds)))
            returning attempt
            """)
        .bind("id", id).bind("org", organization).bind("lease_seconds", lease.toSeconds())
        .mapTo(Integer.class)
        .findOne()
        .map(OptionalInt::of)
        .orElse(OptionalInt.empty());
  }

  /** Records the lines written so far; false when the attempt no longer holds the export. */
  boolean progress(UUID id, int attempt, long rows) {
    return db.createUpdate(
            """
            update data_exports set rows_written = :rows, updated_at = now()
             where id = :id and attempt = :attempt and status = 'running'
            """)
        .bind("id", id).bind("attempt", attempt).bind("rows", rows)
        .execute() == 1;
  }

  /** Records a section as written whole; false when the attempt no longer holds the export. */
  boolean sectionDone(UUID id, int attempt, String section, long rows) {
    return db.createUpdate(
            """
            update data_exports set sections_done = array_append(sections_done, :section), rows_written = :rows, updated_at = now()
             where id = :id and attempt = :attempt and status = 'running'
            """)
        .bind("id", id).bind("attempt", attempt).bind("section", section).bind("rows", rows)
        .execute() == 1;
  }

  /** The file is written; it is kept {@code keptDays} days from now. */
  boolean completed(UUID id, int attempt, long rows, long size, String objectKey, int keptDays) {
    return db.createUpdate(
            """
            update data_exports set status = 'completed', row_count = :rows, rows_written = :rows, size_bytes = :size,
                                    object_key = :key, completed_at = now(), updated_at = now(),
                                    file_expires_at = now() + make_interval(days => :days)
             where id = :id and attempt = :attempt and status = 'running'
            """)
        .bind("id", id).bind("attempt", attempt).bind("rows", rows).bind("size", size).bind("key", objectKey)
        .bind("days", keptDays)
        .execute() == 1;
  }

  /** The attempt failed and SQS will deliver the message again: the export waits for it. */
  void requeue(UUID id, int attempt) {
    db.createUpdate("update data_exports set status = 'queued', updated_at = now() where id = :id and attempt = :attempt and status = 'running'")
        .bind("id", id).bind("attempt", attempt).execute();
  }

  void failed(UUID id, int attempt, String error) {
    db.createUpdate(
            """
            update data_exports set status = 'failed', error = :error, completed_at = now(), updated_at = now()
             where id = :id and attempt = :attempt and status = 'running'
            """)
        .bind("id", id).bind("attempt", attempt).bind("error", error).execute();
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    long rows = rs.getLong("row_count");
    Long rowCount = rs.wasNull() ? null : rows;
    long size = rs.getLong("size_bytes");
    Long sizeBytes = rs.wasNull() ? null : size;
    List<String> done = List.of((String[]) rs.getArray("sections_done").getArray());
    DataExport view = new DataExport(id, rs.getString("status"),
        new DataExport.Progress(done, Section.values().length, rs.getLong("rows_written")), rowCount, sizeBytes,
        rs.getString("error"), instant(rs, "created_at"), instant(rs, "completed_at"), instant(rs, "file_expires_at"), null, null);
    return new Stored(id, rs.getObject("organization_id", UUID.class), rs.getString("object_key"), view);
  }
}

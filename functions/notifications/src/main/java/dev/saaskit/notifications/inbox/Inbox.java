package dev.saaskit.notifications.inbox;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One member's in-app inbox in one organization: the in-app deliveries that reached them. Every
 * query filters by both the organization and the user from the caller's token, so nobody reads or
 * marks another's messages.
 */
public final class Inbox {

  /** Which part of the inbox a list shows: {@code unread}, {@code read}, {@code archived}, or the default, everything not archived. */
  public enum View {
    INBOX("d.archived_at is null"),
    UNREAD("d.archived_at is null and d.read_at is null"),
    READ("d.archived_at is null and d.read_at is not null"),
    ARCHIVED("d.archived_at is not null");

    final String condition;

    View(String condition) {
      this.condition = condition;
    }
  }

  /** How many messages each part holds. */
  public record Counts(long unread, long read, long archived) {}

  private static final String FROM =
      """
       from notification_deliveries d join notifications n on n.id = d.notification_id
      where d.organization_id = :org and d.user_id = :user and d.channel = 'in_app' and d.status = 'sent'
      """;

  private final Handle db;
  private final UUID organization;
  private final UUID user;

  private Inbox(Handle db, UUID organization, UUID user) {
    this.db = db;
    this.organization = organization;
    this.user = user;
  }

  public static Inbox of(Handle db, UUID organization, UUID user) {
    return new Inbox(db, organization, user);
  }

  /** Newest first. */
  List<InboxItem> list(View view, PageRequest page) {
    return db.createQuery(
            "select d.notification_id, n.category, d.subject, d.body, d.sent_at, d.read_at, d.archived_at" + FROM
                + " and " + view.condition
                + """
                   and (cast(:before as uuid) is null or d.notification_id < cast(:before as uuid))
                 order by d.notification_id desc
                 limit :limit
                """)
        .bind("org", organization)
        .bind("user", user)
        .bind("before", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  Counts counts() {
    return db.createQuery(
            """
            select count(*) filter (where d.archived_at is null and d.read_at is null) as unread,
                   count(*) filter (where d.archived_at is null and d.read_at is not null) as read,
                   count(*) filter (where d.archived_at is not null) as archived
            """ + FROM)
        .bind("org", organization)
        .bind("user", user)
        .map(rs -> new Counts(rs.getLong("unread"), rs.getLong("read"), rs.getLong("archived")))
        .one();
  }

  public Optional<InboxItem> find(UUID notification) {
    return db.createQuery("select d.notification_id, n.category, d.subject, d.body, d.sent_at, d.read_at, d.archived_at" + FROM
            + " and d.notification_id = :id")
        .bind("org", organization)
        .bind("user", user)
        .bind("id", notification)
        .map(rs -> read(rs))
        .findOne();
  }

  /** Marks the message read (once: the first time stays); empty when it is not in this inbox. */
  Optional<InboxItem> markRead(UUID notification) {
    return change(notification, "read_at = coalesce(read_at, now())");
  }

  /** Archives the message, which also counts as read. */
  Optional<InboxItem> archive(UUID notification) {
    return change(notification, "archived_at = coalesce(archived_at, now()), read_at = coalesce(read_at, now())");
  }

  /** Marks every unread message read; returns how many. */
  int markAllRead() {
    return db.createUpdate(
            """
            update notification_deliveries d set read_at = now(), updated_at = now()
             where d.organization_id = :org and d.user_id = :user and d.channel = 'in_app' and d.status = 'sent'
               and d.read_at is null and d.archived_at is null
            """)
        .bind("org", organization)
        .bind("user", user)
        .execute();
  }

  private Optional<InboxItem> change(UUID notification, String set) {
    int changed = db.createUpdate(
            "update notification_deliveries d set " + set + ", updated_at = now()"
                + """
                 where d.organization_id = :org and d.user_id = :user and d.channel = 'in_app' and d.status = 'sent'
                   and d.notification_id = :id
                """)
        .bind("org", organization)
        .bind("user", user)
        .bind("id", notification)
        .execute();
    return changed == 0 ? Optional.empty() : find(notification);
  }

  private static InboxItem read(ResultSet rs) throws SQLException {
    return new InboxItem(rs.getObject("notification_id", UUID.class), rs.getString("category"), rs.getString("subject"),
        rs.getString("body"), instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("read_at")), instant(rs.getTimestamp("archived_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}

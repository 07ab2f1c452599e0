package dev.saaskit.notifications.sending;

import dev.saaskit.shared.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Messages and their deliveries as stored. Reads for the API filter by the caller's organization. */
final class Notifications {

  /** A message as the API shows it, without deliveries. */
  record Header(UUID id, UUID organizationId, String template, String category, String subject, String body, Instant sendAt, Instant createdAt) {}

  /** What one new message is. */
  record NewNotification(
      UUID id, UUID organizationId, String source, String publishedId, String template, String category, String locale,
      String subject, String body, String htmlBody, String variablesJson, Instant sendAt, UUID byUser, UUID byKey) {}

  /** What one new delivery is. */
  record NewDelivery(UUID channelTemplateId, Integer templateVersion, String channel, UUID userId, String address, String status, String reason) {}

  private Notifications() {}

  /** False when a message with the same publisher's id is already stored: a duplicate delivery of it. */
  static boolean insert(Handle db, NewNotification n) {
    return db.createUpdate(
            """
            insert into notifications (id, organization_id, source, published_id, template_name, category, locale, subject, body,
                                       html_body, variables, send_at, created_by_user_id, created_by_api_key_id)
            values (:id, :org, :source, :published, :template, :category, :locale, :subject, :body, :html,
                    cast(:variables as jsonb), :sendAt, :user, :key)
            on conflict (published_id) do nothing
            """)
        .bind("id", n.id())
        .bind("org", n.organizationId())
        .bind("source", n.source())
        .bind("published", n.publishedId())
        .bind("template", n.template())
        .bind("category", n.category())
        .bind("locale", n.locale())
        .bind("subject", n.subject())
        .bind("body", n.body())
        .bind("html", n.htmlBody())
        .bind("variables", n.variablesJson())
        .bind("sendAt", n.sendAt())
        .bind("user", n.byUser())
        .bind("key", n.byKey())
        .execute() == 1;
  }

  /** Stores a delivery; a queued one is due at {@code dueAt}. */
  static UUID insertDelivery(Handle db, UUID id, UUID notification, UUID organization, NewDelivery d, Instant dueAt) {
    db.createUpdate(
            """
            insert into notification_deliveries (id, notification_id, organization_id, channel, user_id, address, status, reason,
                                                 next_attempt_at, template_id, template_version)
            values (:id, :notification, :org, :channel, :user, :address, :status, :reason, :due, :template, :version)
            """)
        .bind("id", id)
        .bind("notification", notification)
        .bind("org", organization)
        .bind("channel", d.channel())
        .bind("user", d.userId())
        .bind("address", d.address())
        .bind("status", d.status())
        .bind("reason", d.reason())
        .bind("due", "queued".equals(d.status()) ? dueAt : null)
        .bind("template", d.channelTemplateId())
        .bind("version", d.templateVersion())
        .execute();
    return id;
  }

  static Optional<Header> find(Handle db, UUID id, UUID organization) {
    return db.createQuery(
            """
            select id, organization_id, template_name, category, subject, body, send_at, created_at
              from notifications where id = :id and organization_id = :org
            """)
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> new Header(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
            rs.getString("template_name"), rs.getString("category"), rs.getString("subject"), rs.getString("body"),
            instant(rs.getTimestamp("send_at")), instant(rs.getTimestamp("created_at"))))
        .findOne();
  }

  /** The message's deliveries in the organization, all of them or only those to {@code user}. */
  static List<DeliveryView> deliveries(Handle db, UUID notification, UUID organization, UUID user) {
    return db.createQuery(
            """
            select id, channel, user_id, address, status, reason, provider, attempts, next_attempt_at, sent_at
              from notification_deliveries
             where notification_id = :id and organization_id = :org and (cast(:user as uuid) is null or user_id = cast(:user as uuid))
             order by id
            """)
        .bind("id", notification)
        .bind("org", organization)
        .bind("user", user)
        .map(rs -> delivery(rs))
        .list();
  }

  /** Queued deliveries of the message that are due, at most {@code max}. */
  static List<UUID> due(Handle db, UUID notification, int max) {
    return db.createQuery(
            """
            select id from notification_deliveries
             where notification_id = :id and status = 'queued' and next_attempt_at <= now()
             order by id limit :max
            """)
        .bind("id", notification)
        .bind("max", max)
        .mapTo(UUID.class)
        .list();
  }

  static DeliveryView delivery(ResultSet rs) throws SQLException {
    return new DeliveryView(
        rs.getObject("id", UUID.class),
        rs.getString("channel"),
        rs.getObject("user_id", UUID.class),
        rs.getString("address"),
        rs.getString("status"),
        rs.getString("reason"),
        rs.getString("provider"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        instant(rs.getTimestamp("sent_at")));
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}

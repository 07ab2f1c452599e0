package dev.saaskit.notifications.sending;

import dev.saaskit.notifications.Channel;
import dev.saaskit.notifications.feedback.Suppressions;
import dev.saaskit.notifications.providers.Email;
import dev.saaskit.notifications.providers.Providers;
import dev.saaskit.notifications.providers.SendFailure;
import dev.saaskit.notifications.providers.Sent;
import dev.saaskit.notifications.templates.Rendering;
import dev.saaskit.notifications.templates.Templates;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/**
 * Delivers one queued delivery: renders it (the template version it was made with, or the raw
 * content), hands it to its provider, and records the outcome in the same transaction. The row is
 * locked while this runs and only a queued row is taken, so two invocations holding the same
 * delivery (SQS delivering a message twice, the dispatch meeting the consumer) send it once. A
 * failure is tried again with back-off (1, 4, 16, 64 minutes) by the dispatch, up to {@value
 * #MAX_ATTEMPTS} attempts; a permanent one (an address the provider refuses) at once ends it.
 * When no delivery of a message is queued any more, its variables, which may hold a link's token,
 * are erased.
 */
public final class Dispatcher {

  static final int MAX_ATTEMPTS = 5;

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final Providers providers;
  private final String appUrl;

  public Dispatcher(Providers providers) {
    this.providers = providers;
    this.appUrl = appUrl();
  }

  /** {@code APP_URL}, where links in messages lead (the application's pages); no trailing slash. */
  static String appUrl() {
    String url = Settings.get("APP_URL", "http://localhost:3000");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private record Due(
      UUID id, UUID notificationId, UUID organizationId, Channel channel, UUID userId, String address, int attempts,
      UUID templateId, Integer templateVersion, String subject, String body, String htmlBody, String variables) {}

  private record Rendered(String subject, String text, String html) {}

  /** Delivers the delivery if it is queued and no one else holds it; the status it ended in, or empty. */
  public Optional<String> deliver(Handle db, UUID deliveryId) {
    Optional<Due> found = db.createQuery(
            """
            select d.id, d.notification_id, d.organization_id, d.channel, d.user_id, d.address, d.attempts, d.template_id,
                   d.template_version, n.subject, n.body, n.html_body, n.variables::text as variables
              from notification_deliveries d join notifications n on n.id = d.notification_id
             where d.id = :id and d.status = 'queued'
               for update of d skip locked
            """)
        .bind("id", deliveryId)
        .map(rs -> new Due(
            rs.getObject("id", UUID.class), rs.getObject("notification_id", UUID.class), rs.getObject("organization_id", UUID.class),
            Channel.fromCode(rs.getString("channel")).orElseThrow(), rs.getObject("user_id", UUID.class), rs.getString("address"),
            rs.getInt("attempts"), rs.getObject("template_id", UUID.class), (Integer) rs.getObject("template_version"),
            rs.getString("subject"), rs.getString("body"), rs.getString("html_body"), rs.getString("variables")))
        .findOne();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Due due = found.get();
    String status = attempt(db, due);
    db.createUpdate(
            """
            update notifications set variables = null
             where id = :id and variables is not null
               and not exists (select 1 from notification_deliveries where notification_id = :id and status = 'queued')
            """)
        .bind("id", due.notificationId())
        .execute();
    return Optional.of(status);
  }

  private String attempt(Handle db, Due due) {
    Rendered content = render(db, due);
    String address = due.address();
    try {
      Sent sent;
      switch (due.channel()) {
        case EMAIL -> {
          if (due.userId() != null) {
            address = Members.currentEmail(db, due.organizationId(), due.userId()).orElse(null);
            if (address == null) {
              return end(db, due, "suppressed", "not_a_member", null, null);
            }
          }
          Optional<String> suppressed = Suppressions.reason(db, address);
          if (suppressed.isPresent()) {
            return end(db, due, "suppressed", suppressed.get(), address, null);
          }
          sent = providers.mailer().send(new Email(Providers.from(), address, content.subject(), content.text(), content.html()));
        }
        case SMS -> sent = providers.sms().send(address, content.text());
        case IN_APP -> {
          db.createUpdate("update notification_deliveries set subject = :subject, body = :body where id = :id")
              .bind("id", due.id())
              .bind("subject", content.subject())
              .bind("body", content.text())
              .execute();
          sent = new Sent("in_app", null);
        }
        default -> throw new IllegalStateException("no provider for " + due.channel());
      }
      return end(db, due, "sent", null, address, sent);
    } catch (SendFailure failure) {
      int attempts = due.attempts() + 1;
      if (failure.permanent() || attempts >= MAX_ATTEMPTS) {
        return end(db, due, "failed", failure.reason(), address, new Sent(failure.provider(), null));
      }
      db.createUpdate(
              """
              update notification_deliveries
                 set attempts = :attempts, reason = :reason, provider = :provider, address = :address,
                     next_attempt_at = now() + make_interval(mins => :minutes), updated_at = now()
               where id = :id
              """)
          .bind("id", due.id())
          .bind("attempts", attempts)
          .bind("reason", failure.reason())
          .bind("provider", failure.provider())
          .bind("address", address)
          .bind("minutes", 1 << (2 * (attempts - 1)))
          .execute();
      return "queued";
    }
  }

  /** Ends the delivery: sent, failed or suppressed; an attempt was made unless it was suppressed. */
  private static String end(Handle db, Due due, String status, String reason, String address, Sent sent) {
    db.createUpdate(
            """
            update notification_deliveries
               set status = :status, reason = :reason, address = coalesce(:address, address), provider = :provider,
                   provider_message_id = :messageId, attempts = attempts + :attempted, next_attempt_at = null,
                   sent_at = case when :status = 'sent' then now() end, updated_at = now()
             where id = :id
            """)
        .bind("id", due.id())
        .bind("status", status)
        .bind("reason", reason)
        .bind("address", address)
        .bind("provider", sent == null ? null : sent.provider())
        .bind("messageId", sent == null ? null : sent.messageId())
        .bind("attempted", sent == null ? 0 : 1)
        .execute();
    return status;
  }

  private Rendered render(Handle db, Due due) {
    if (due.templateId() == null) {
      return new Rendered(due.subject(), due.body(), due.htmlBody());
    }
    Templates.Content template = Templates.version(db, due.templateId(), due.templateVersion())
        .orElseThrow(() -> new IllegalStateException("template " + due.templateId() + " has no version " + due.templateVersion()));
    Map<String, Object> variables = new HashMap<>();
    if (due.variables() != null) {
      variables.putAll(Json.MAPPER.readValue(due.variables(), VARIABLES));
    }
    variables.put("app_url", appUrl);
    return new Rendered(Rendering.text(template.subject(), variables), Rendering.text(template.body(), variables),
        Rendering.html(template.htmlBody(), variables));
  }
}

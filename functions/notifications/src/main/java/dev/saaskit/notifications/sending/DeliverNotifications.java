package dev.saaskit.notifications.sending;

import dev.saaskit.notifications.Channel;
import dev.saaskit.notifications.templates.Template;
import dev.saaskit.notifications.templates.Templates;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consumer of the {@code notifications} queue. A message another domain published (identity's
 * emails) is stored once per publisher's id, so a second delivery of it, by SQS or by the outbox
 * relay, finds it and sends nothing; then it is rendered with the organization's template or the
 * platform's and sent. A message naming a notification sent through the API delivers that
 * notification's due deliveries, at most {@value #PER_MESSAGE} (the dispatch takes the rest). A
 * provider's failure is recorded and left to the dispatch's retries; a message that cannot be
 * delivered at all (malformed, an unknown template, a variable missing) throws, so SQS tries it
 * again and then moves it to the dead-letter queue, while the rest of its batch goes on.
 */
public final class DeliverNotifications implements QueueConsumer<QueuedMessage> {

  static final int PER_MESSAGE = 25;

  private final Dispatcher dispatcher;

  public DeliverNotifications(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void consume(Delivery<QueuedMessage> delivery) {
    QueuedMessage m = delivery.message();
    Handle db = delivery.db();
    if (m.notificationId() != null) {
      for (UUID due : Notifications.due(db, m.notificationId(), PER_MESSAGE)) {
        dispatcher.deliver(db, due);
      }
      return;
    }
    if (m.template() == null || m.to() == null) {
      throw new IllegalArgumentException("a notifications message needs template and to, or notification_id");
    }
    Map<String, Object> variables = m.variables() == null ? Map.of() : m.variables();
    Template template = new Templates(db, m.organizationId()).resolve(m.template(), Channel.EMAIL.code(), Templates.FALLBACK_LOCALE)
        .orElseThrow(() -> new IllegalArgumentException("no email template '" + m.template() + "'"));
    List<String> missing = template.variables().stream().filter(name -> !variables.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("message for template '" + m.template() + "' lacks the variables " + missing);
    }
    UUID id = Ids.newId();
    Instant now = Instant.now();
    boolean stored = Notifications.insert(db, new Notifications.NewNotification(id, m.organizationId(), "queue", delivery.publishedId(),
        template.name(), template.category(), Templates.FALLBACK_LOCALE, null, null, null, Json.write(variables), now, null, null));
    if (!stored) {
      return;
    }
    UUID deliveryId = Notifications.insertDelivery(db, Ids.newId(), id, m.organizationId(),
        new Notifications.NewDelivery(template.id(), template.version(), Channel.EMAIL.code(), null, m.to(), "queued", null), now);
    dispatcher.deliver(db, deliveryId);
  }
}

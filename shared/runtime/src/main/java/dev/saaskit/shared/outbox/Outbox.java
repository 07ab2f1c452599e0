package dev.saaskit.shared.outbox;

import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The transactional outbox. A message is written to {@code outbox_messages} in the transaction of
 * the change that causes it; after commit the invocation sends it and deletes the row. A row whose
 * send failed (or whose function died before sending) becomes visible to the relay after a grace
 * period, and the relay sends it. Delivery is at least once: consumers must tolerate duplicates.
 */
public final class Outbox {

  /** How long the publishing invocation has to send its own messages before the relay takes over. */
  static final String GRACE = "30 seconds";

  /** How long a relay's claim on a row lasts before another relay run may retry it. */
  static final String CLAIM = "2 minutes";

  /** The longest an SQS queue holds a message back; a longer wait is the publisher's to arrange. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  private final Set<String> queues;
  private final Supplier<QueueSender> sender;

  public Outbox(Set<String> queues, Supplier<QueueSender> sender) {
    this.queues = Set.copyOf(queues);
    this.sender = sender;
  }

  public OutboxMessage store(Handle db, String queue, Object message, String correlationId) {
    return store(db, queue, message, correlationId, Duration.ZERO);
  }

  /** Stores a message that its queue delivers {@code delay} (at most {@link #MAX_DELAY}) after it is sent. */
  public OutboxMessage store(Handle db, String queue, Object message, String correlationId, Duration delay) {
    if (!queues.contains(queue)) {
      throw new IllegalArgumentException("queue '" + queue + "' is not defined in the catalog");
    }
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("a queue holds a message back for 0 to 15 minutes, not " + delay);
    }
    int delaySeconds = (int) delay.toSeconds();
    OutboxMessage m = new OutboxMessage(Ids.newId(), queue, Json.write(message), correlationId, delaySeconds);
    db.createUpdate(
            """
            insert into outbox_messages (id, queue, body, correlation_id, available_at, deliver_at)
            values (:id, :queue, :body, :correlation, now() + cast('%s' as interval),
                    case when :delay > 0 then now() + make_interval(secs => :delay) end)
            """.formatted(GRACE))
        .bind("id", m.id())
        .bind("queue", m.queue())
        .bind("body", m.body())
        .bind("correlation", m.correlationId())
        .bind("delay", delaySeconds)
        .execute();
    return m;
  }

  /** Sends messages of a committed transaction; what fails stays in the table for the relay. */
  public void sendCommitted(Supplier<Database> database, List<OutboxMessage> messages) {
    List<UUID> sent = sendEach(messages);
    if (!sent.isEmpty()) {
      try (Handle db = database.get().open()) {
        delete(db, sent);
      } catch (RuntimeException e) {
        // The messages went out; their rows will be sent again by the relay, which consumers tolerate.
        Log.warn("outbox_delete_failed", e);
      }
    }
  }

  /** Sends up to {@code max} messages that their publishers did not send; returns how many went out. */
  public RelayResult relay(Database database, int max) {
    List<OutboxMessage> claimed;
    try (Handle db = database.open()) {
      claimed = db.createQuery(
              """
              update outbox_messages
                 set available_at = now() + cast('%s' as interval), attempts = attempts + 1
               where id in (select id from outbox_messages
                             where available_at <= now()
                             order by available_at
                             limit :max
                             for update skip locked)
              returning id, queue, body, correlation_id,
                        coalesce(ceil(greatest(extract(epoch from deliver_at - now()), 0)), 0) as delay_seconds
              """.formatted(CLAIM))
          .bind("max", max)
          .map(rs -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("queue"), rs.getString("body"),
              rs.getString("correlation_id"), rs.getInt("delay_seconds")))
          .list();
    }
    List<UUID> sent = sendEach(claimed);
    if (!sent.isEmpty()) {
      try (Handle db = database.open()) {
        delete(db, sent);
      }
    }
    return new RelayResult(claimed.size(), sent.size());
  }

  private List<UUID> sendEach(List<OutboxMessage> messages) {
    List<UUID> sent = new ArrayList<>();
    for (OutboxMessage m : messages) {
      try {
        sender.get().send(m.queue(), m.body(), m.correlationId(), m.id(), m.delaySeconds());
        sent.add(m.id());
      } catch (RuntimeException e) {
        Log.warn("outbox_send_failed", e);
      }
    }
    return sent;
  }

  private static void delete(Handle db, List<UUID> ids) {
    db.createUpdate("delete from outbox_messages where id = any(:ids)")
        .bindArray("ids", UUID.class, ids)
        .execute();
  }

  /** What one relay run did. */
  public record RelayResult(int claimed, int sent) {}
}

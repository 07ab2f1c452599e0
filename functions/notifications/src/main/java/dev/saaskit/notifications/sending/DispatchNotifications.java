package dev.saaskit.notifications.sending;

import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code notifications-dispatch} schedule (every minute): delivers what is due, messages whose
 * {@code send_at} has come and failed deliveries whose back-off has passed, up to {@value #BATCH} a
 * run, oldest first. Each delivery is sent and recorded in a transaction of its own, so a run that
 * dies keeps what it sent; rows another invocation holds are skipped.
 */
public final class DispatchNotifications implements ScheduledJob {

  static final int BATCH = 200;

  private final Dispatcher dispatcher;

  public DispatchNotifications(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Database database = run.platform().database();
    int sent = 0;
    int queued = 0;
    int ended = 0;
    try (Handle db = database.open()) {
      List<UUID> due = db.createQuery(
              """
              select id from notification_deliveries
               where status = 'queued' and next_attempt_at <= now()
               order by next_attempt_at limit :max
              """)
          .bind("max", BATCH)
          .mapTo(UUID.class)
          .list();
      for (UUID id : due) {
        String status = db.inTransaction(h -> dispatcher.deliver(h, id)).orElse(null);
        if ("sent".equals(status)) {
          sent++;
        } else if ("queued".equals(status)) {
          queued++;
        } else if (status != null) {
          ended++;
        }
      }
      return Map.of("due", due.size(), "sent", sent, "retry_later", queued, "failed_or_suppressed", ended);
    }
  }
}

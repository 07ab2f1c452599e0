package dev.saaskit.identity.plans;

import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import java.util.Map;

/**
 * Sets an organization's plan from billing's {@code plan-changes} messages, idempotently and in
 * billing's order: only a message with a higher version than the last one applied changes the
 * plan, so a repeated or late message changes nothing, and neither does one for a deleted
 * organization. A plan identity does not know is logged and dropped: retrying would not make it right.
 */
public final class ApplyPlanChange implements QueueConsumer<PlanEntitlement> {

  @Override
  public void consume(Delivery<PlanEntitlement> delivery) {
    PlanEntitlement m = delivery.message();
    boolean known = delivery.db().createQuery("select exists (select 1 from plans where code = :plan)")
        .bind("plan", m.plan())
        .mapTo(Boolean.class)
        .one();
    if (!known) {
      Log.info("plan_change_dropped", Map.of("organization_id", String.valueOf(m.organizationId()), "plan", String.valueOf(m.plan())));
      return;
    }
    delivery.db().createUpdate(
            """
            update organizations set plan = :plan, plan_version = :version, updated_at = now()
             where id = :org and plan_version < :version and deleted_at is null
            """)
        .bind("plan", m.plan())
        .bind("version", m.version())
        .bind("org", m.organizationId())
        .execute();
  }
}

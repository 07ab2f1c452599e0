package dev.saaskit.support.sla;

import dev.saaskit.shared.db.Handle;
import java.util.Optional;

/**
 * The SLA targets of a plan, per priority, in minutes of working time ({@code support_sla_policies},
 * seeded by V50; operators change them with SQL, as they change plans). A plan without a row for a
 * priority has no SLA for it: such tickets have no due times.
 */
public final class SlaPolicy {

  /** First-response and resolution targets in minutes; null where there is none. */
  public record Targets(Integer firstResponseMinutes, Integer resolutionMinutes) {
    public static final Targets NONE = new Targets(null, null);
  }

  private SlaPolicy() {}

  public static Targets targets(Handle db, String plan, String priority) {
    Optional<Targets> targets = db.createQuery(
            "select first_response_minutes, resolution_minutes from support_sla_policies where plan = :plan and priority = :priority")
        .bind("plan", plan)
        .bind("priority", priority)
        .map(rs -> new Targets(rs.getInt("first_response_minutes"), rs.getInt("resolution_minutes")))
        .findOne();
    return targets.orElse(Targets.NONE);
  }
}

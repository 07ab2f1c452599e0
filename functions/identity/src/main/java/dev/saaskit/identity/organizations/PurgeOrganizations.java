package dev.saaskit.identity.organizations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.audit.AuditEntry;
import dev.saaskit.shared.audit.AuditLog;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Daily: deletes the organizations whose retention after a soft delete has passed ({@code
 * purge_after}), with everything they own (their rows reference the organization {@code on delete
 * cascade}). Accounts stay: they belong to people, not organizations. The audit trail stays too,
 * with an {@code organization.purged} entry.
 */
public final class PurgeOrganizations implements ScheduledJob {

  /** Per run, so one run's transaction stays short; a backlog takes a few days. */
  static final int BATCH = 100;

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    List<UUID> purged = run.db().createQuery(
            """
            delete from organizations
             where id in (select id from organizations
                           where purge_after < :now order by purge_after limit :batch for update skip locked)
            returning id
            """)
        .bind("now", run.now())
        .bind("batch", BATCH)
        .mapTo(UUID.class)
        .list();
    for (UUID id : purged) {
      AuditLog.append(run.db(), new AuditEntry(id, null, null, IdentityAction.ORGANIZATION_PURGED.code(), "organization", id.toString(),
          run.event().id(), null, null, Map.of()));
    }
    return Map.of("purged_organizations", purged.size());
  }
}

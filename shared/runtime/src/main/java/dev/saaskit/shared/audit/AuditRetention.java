package dev.saaskit.shared.audit;

import dev.saaskit.shared.db.Handle;
import java.time.Instant;

/**
 * Deletes audit entries past their retention: an organization's after its plan's {@code
 * audit_retention_days} (none while that is null), and entries of no organization (platform
 * events, organizations since purged) before {@code platformCutoff}. The runtime owns {@code
 * audit_logs}, so this is the one place that deletes from it; the audit domain's schedule calls it.
 */
public final class AuditRetention {

  private AuditRetention() {}

  /** Deletes at most {@code batch} expired entries, oldest first; answers how many it deleted. */
  public static int purgeExpired(Handle db, Instant now, Instant platformCutoff, int batch) {
    return db.createUpdate(
            """
            delete from audit_logs where id in (
                select a.id from audit_logs a
                  left join organizations o on o.id = a.organization_id
                  left join plans p on p.code = o.plan
                 where case when o.id is null then a.created_at < :platform_cutoff
                            when p.audit_retention_days is null then false
                            else a.created_at < cast(:now as timestamptz) - make_interval(days => p.audit_retention_days) end
                 order by a.created_at
                 limit :batch)
            """)
        .bind("now", now)
        .bind("platform_cutoff", platformCutoff)
        .bind("batch", batch)
        .execute();
  }
}

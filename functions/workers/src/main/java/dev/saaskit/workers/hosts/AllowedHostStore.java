package dev.saaskit.workers.hosts;

import dev.saaskit.shared.db.Handle;
import java.util.List;
import java.util.UUID;

/** The {@code worker_allowed_hosts} of one organization. */
public final class AllowedHostStore {

  private final Handle db;
  private final UUID organization;

  public AllowedHostStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  public AllowedHosts read() {
    return new AllowedHosts(db.createQuery("select host from worker_allowed_hosts where organization_id = :org order by host")
        .bind("org", organization)
        .mapTo(String.class)
        .list());
  }

  void replace(List<String> hosts) {
    db.createUpdate("delete from worker_allowed_hosts where organization_id = :org").bind("org", organization).execute();
    db.createUpdate("insert into worker_allowed_hosts (organization_id, host) select :org, unnest(:hosts)")
        .bind("org", organization)
        .bind("hosts", hosts.toArray(String[]::new))
        .execute();
  }
}

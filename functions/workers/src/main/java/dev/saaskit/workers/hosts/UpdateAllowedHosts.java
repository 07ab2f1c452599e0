package dev.saaskit.workers.hosts;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.workers.WorkerAction;
import java.util.Map;

/**
 * {@code PUT /api/v1/workers/allowed-hosts}: replaces the list. Steps running now are not affected;
 * every http call after the commit, and every redirect, is checked against the new list.
 */
public final class UpdateAllowedHosts implements Endpoint<AllowedHosts, AllowedHosts> {

  @Override
  public Reply<AllowedHosts> handle(Call<AllowedHosts> call) {
    AllowedHostStore hosts = new AllowedHostStore(call.db(), call.caller().organization());
    AllowedHosts before = hosts.read();
    hosts.replace(call.body().hosts());
    call.audit(WorkerAction.ALLOWED_HOSTS_UPDATED, "worker_allowed_hosts", call.caller().organization(),
        Map.of("hosts", call.body().hosts(), "previous_hosts", before.hosts()));
    return Reply.ok(hosts.read());
  }
}

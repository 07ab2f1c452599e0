package dev.saaskit.workers.hosts;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/workers/allowed-hosts}: the hosts the organization's http steps may call. */
public final class GetAllowedHosts implements Endpoint<Void, AllowedHosts> {

  @Override
  public Reply<AllowedHosts> handle(Call<Void> call) {
    return Reply.ok(new AllowedHostStore(call.db(), call.caller().organization()).read());
  }
}

package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/keys}: the organization's keys, revoked ones included, oldest first; never a secret. */
public final class ListKeys implements Endpoint<Void, Page<ApiKey>> {

  @Override
  public Reply<Page<ApiKey>> handle(Call<Void> call) {
    PageRequest page = call.page();
    return Reply.ok(Page.of(new KeyStore(call.db(), call.caller().organization()).list(page), page, ApiKey::id));
  }
}

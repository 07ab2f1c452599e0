package dev.saaskit.billing.subscriptions;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/billing/subscriptions}: the organization's subscriptions, ended ones too, oldest first. */
public final class ListSubscriptions implements Endpoint<Void, Page<Subscription>> {

  @Override
  public Reply<Page<Subscription>> handle(Call<Void> call) {
    PageRequest page = call.page();
    return Reply.ok(Page.of(new Subscriptions(call.db(), call.caller().organization()).list(page), page, Subscription::id));
  }
}

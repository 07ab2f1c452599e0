package dev.saaskit.billing.subscriptions;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/billing/subscriptions/{id}}: one subscription of the organization. */
public final class GetSubscription implements Endpoint<Void, Subscription> {

  @Override
  public Reply<Subscription> handle(Call<Void> call) {
    return new Subscriptions(call.db(), call.caller().organization()).find(call.pathId("id"))
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("subscription"));
  }
}

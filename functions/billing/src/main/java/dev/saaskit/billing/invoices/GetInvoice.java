package dev.saaskit.billing.invoices;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/billing/invoices/{id}}: one invoice, with its hosted page and PDF links. */
public final class GetInvoice implements Endpoint<Void, Invoice> {

  @Override
  public Reply<Invoice> handle(Call<Void> call) {
    return new Invoices(call.db(), call.caller().organization()).find(call.pathId("id"))
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("invoice"));
  }
}

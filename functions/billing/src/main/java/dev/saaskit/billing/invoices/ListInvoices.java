package dev.saaskit.billing.invoices;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/billing/invoices}: the organization's invoices, oldest first. */
public final class ListInvoices implements Endpoint<Void, Page<Invoice>> {

  @Override
  public Reply<Page<Invoice>> handle(Call<Void> call) {
    PageRequest page = call.page();
    return Reply.ok(Page.of(new Invoices(call.db(), call.caller().organization()).list(page), page, Invoice::id));
  }
}

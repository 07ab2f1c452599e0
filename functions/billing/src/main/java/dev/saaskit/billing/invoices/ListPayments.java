package dev.saaskit.billing.invoices;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/billing/payments}: the payments of the organization's invoices, failed ones too, oldest first. */
public final class ListPayments implements Endpoint<Void, Page<Payment>> {

  @Override
  public Reply<Page<Payment>> handle(Call<Void> call) {
    PageRequest page = call.page();
    return Reply.ok(Page.of(new Invoices(call.db(), call.caller().organization()).payments(page), page, Payment::id));
  }
}

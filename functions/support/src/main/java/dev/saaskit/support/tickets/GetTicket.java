package dev.saaskit.support.tickets;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/support/tickets/{id}}: one ticket the caller reaches ({@link Viewer}), with its SLA clocks. */
public final class GetTicket implements Endpoint<Void, Ticket.View> {

  @Override
  public Reply<Ticket.View> handle(Call<Void> call) {
    return new Tickets(call.db(), Viewer.of(call.caller())).find(call.pathId("id"))
        .map(t -> Reply.ok(t.view(call.now())))
        .orElseThrow(() -> ApiException.notFound("ticket"));
  }
}

package dev.saaskit.support.comments;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;

/** {@code GET /api/v1/support/tickets/{id}/comments}: the thread, oldest first; internal notes for agents only. */
public final class ListComments implements Endpoint<Void, Page<Comment>> {

  @Override
  public Reply<Page<Comment>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Viewer viewer = Viewer.of(call.caller());
    Ticket ticket = new Tickets(call.db(), viewer).find(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    return Reply.ok(Page.of(new Comments(call.db()).list(ticket, viewer, page), page, Comment::id));
  }
}

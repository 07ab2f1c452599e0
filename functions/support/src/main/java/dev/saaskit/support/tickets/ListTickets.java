package dev.saaskit.support.tickets;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Collection;
import java.util.UUID;

/**
 * {@code GET /api/v1/support/tickets}: the tickets the caller reaches ({@link Viewer}), newest first,
 * filtered by {@code status}, {@code priority}, {@code assignee_id} (a user id, or {@code none}),
 * {@code organization_id}, {@code tag} and {@code q} (in the subject, any case).
 */
public final class ListTickets implements Endpoint<Void, Page<Ticket.View>> {

  @Override
  public Reply<Page<Ticket.View>> handle(Call<Void> call) {
    PageRequest page = call.page();
    String assignee = call.query("assignee_id").orElse(null);
    Tickets.Filter filter = new Tickets.Filter(
        oneOf(call, "status", Status.CODES),
        oneOf(call, "priority", TicketRules.PRIORITIES),
        "none".equals(assignee) ? null : uuid("assignee_id", assignee),
        "none".equals(assignee),
        uuid("organization_id", call.query("organization_id").orElse(null)),
        call.query("tag").orElse(null),
        call.query("q").orElse(null));
    Tickets tickets = new Tickets(call.db(), Viewer.of(call.caller()));
    return Reply.ok(Page.of(tickets.list(filter, page), page, Ticket::id).map(t -> t.view(call.now())));
  }

  private static String oneOf(Call<Void> call, String name, Collection<String> allowed) {
    String value = call.query(name).orElse(null);
    if (value != null && !allowed.contains(value)) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be one of " + allowed);
    }
    return value;
  }

  private static UUID uuid(String name, String value) {
    if (value == null) {
      return null;
    }
    UUID id = Ids.parse(value);
    if (id == null) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be a UUID" + ("assignee_id".equals(name) ? " or none" : ""));
    }
    return id;
  }
}

package dev.saaskit.support.tickets;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportAction;
import dev.saaskit.support.comments.Comments;
import dev.saaskit.support.people.People;
import dev.saaskit.support.sla.Calendars;
import dev.saaskit.support.sla.SlaClock;
import dev.saaskit.support.sla.SlaPolicy;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/support/tickets}: any member opens a ticket for the organization of its
 * token; the description is the ticket's first public comment. Its SLA clocks start now, with the
 * targets of the organization's plan for the priority; the agents and the requester are told.
 */
public final class CreateTicket implements Endpoint<CreateTicket.Request, Ticket.View> {

  /** @param priority {@code low}, {@code normal} (default), {@code high} or {@code urgent} */
  public record Request(String subject, String description, String priority) implements Validatable {
    @Override
    public void validate(Violations v) {
      TicketRules.subject(v, subject, true);
      TicketRules.text(v, "description", description);
      TicketRules.priority(v, priority);
    }
  }

  @Override
  public Reply<Ticket.View> handle(Call<Request> call) {
    Request r = call.body();
    Viewer viewer = Viewer.of(call.caller());
    UUID organization = viewer.organizationId();
    String priority = r.priority() == null ? "normal" : r.priority();
    String plan = Limits.plan(call.db(), organization).orElseThrow();
    SlaClock clock = SlaClock.start(SlaPolicy.targets(call.db(), plan, priority), call.now(),
        new Calendars(call.db()).of(organization));
    Ticket ticket = new Tickets(call.db(), viewer).insert(Ids.newId(), r.subject(), priority, clock, call.now());
    new Comments(call.db()).insert(ticket, viewer.userId(), viewer.agent(), false, r.description(), call.now());
    call.audit(SupportAction.TICKET_CREATED, "support_ticket", ticket.id(), Map.of("subject", r.subject(), "priority", priority));
    new TicketNotices(new People(call.db()), n -> call.publish(Notification.QUEUE, n)).created(ticket);
    return Reply.created(ticket.view(call.now())).withHeader("location", "/api/v1/support/tickets/" + ticket.id());
  }
}

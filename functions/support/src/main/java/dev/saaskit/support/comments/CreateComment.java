package dev.saaskit.support.comments;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportAction;
import dev.saaskit.support.people.People;
import dev.saaskit.support.sla.Calendars;
import dev.saaskit.support.sla.SlaClock;
import dev.saaskit.support.tickets.Status;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.TicketNotices;
import dev.saaskit.support.tickets.TicketRules;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /api/v1/support/tickets/{id}/comments}: a public reply, or ({@code "internal": true},
 * agents only) an internal note. An agent's first public reply is the ticket's first response and
 * opens a new ticket; a customer's reply reopens a ticket that was pending or solved, so its clocks
 * run again. Public replies are told to the other side; notes to no one.
 */
public final class CreateComment implements Endpoint<CreateComment.Request, Comment> {

  public record Request(String body, Boolean internal) implements Validatable {
    @Override
    public void validate(Violations v) {
      TicketRules.text(v, "body", body);
    }
  }

  @Override
  public Reply<Comment> handle(Call<Request> call) {
    Request r = call.body();
    boolean internal = Boolean.TRUE.equals(r.internal());
    Viewer viewer = Viewer.of(call.caller());
    if (internal && !viewer.agent()) {
      throw TicketRules.agentsOnly("an internal note");
    }
    Tickets tickets = new Tickets(call.db(), viewer);
    Ticket ticket = tickets.lock(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    if (ticket.status() == Status.CLOSED) {
      throw TicketRules.closed();
    }
    Instant now = call.now();
    Comment comment = new Comments(call.db()).insert(ticket, viewer.userId(), viewer.agent(), internal, r.body(), now);
    if (!internal) {
      Ticket after = viewer.agent() ? agentReplied(ticket, now) : customerReplied(ticket, now, new Calendars(call.db()));
      tickets.update(after);
      new TicketNotices(new People(call.db()), n -> call.publish(Notification.QUEUE, n)).replied(after, viewer.userId(), viewer.agent(), r.body());
    }
    call.audit(ticket.organizationId(), viewer.userId(), SupportAction.COMMENT_CREATED, "support_comment", comment.id(),
        Map.of("ticket_id", ticket.id(), "internal", internal));
    return Reply.created(comment);
  }

  /** The first agent reply stops the first-response clock; a new ticket becomes open. */
  private static Ticket agentReplied(Ticket t, Instant now) {
    Status status = t.status() == Status.NEW ? Status.OPEN : t.status();
    return new Ticket(t.id(), t.organizationId(), t.requesterId(), t.subject(), status, t.priority(), t.assigneeId(), t.tags(),
        t.followerIds(), t.createdAt(), now, t.responded() ? t.firstRespondedAt() : now, t.solvedAt(), t.closedAt(), t.clock(),
        t.firstResponseBreachedAt(), t.resolutionBreachedAt());
  }

  /** The customer answered: a ticket waiting for them, or solved, is open again and its clocks run. */
  private static Ticket customerReplied(Ticket t, Instant now, Calendars calendars) {
    if (t.status() != Status.PENDING && t.status() != Status.SOLVED) {
      return new Ticket(t.id(), t.organizationId(), t.requesterId(), t.subject(), t.status(), t.priority(), t.assigneeId(), t.tags(),
          t.followerIds(), t.createdAt(), now, t.firstRespondedAt(), t.solvedAt(), t.closedAt(), t.clock(),
          t.firstResponseBreachedAt(), t.resolutionBreachedAt());
    }
    SlaClock clock = t.clock().enter(SlaClock.Phase.RUNNING, t.responded(), now, calendars.of(t.organizationId()));
    return new Ticket(t.id(), t.organizationId(), t.requesterId(), t.subject(), Status.OPEN, t.priority(), t.assigneeId(), t.tags(),
        t.followerIds(), t.createdAt(), now, t.firstRespondedAt(), null, null, clock, t.firstResponseBreachedAt(), t.resolutionBreachedAt());
  }
}

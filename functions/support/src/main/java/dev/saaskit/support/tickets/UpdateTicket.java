package dev.saaskit.support.tickets;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.audit.AuditChanges;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportAction;
import dev.saaskit.support.SupportProblem;
import dev.saaskit.support.people.People;
import dev.saaskit.support.sla.BusinessCalendar;
import dev.saaskit.support.sla.Calendars;
import dev.saaskit.support.sla.SlaClock;
import dev.saaskit.support.sla.SlaPolicy;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code PUT /api/v1/support/tickets/{id}}: changes the fields sent, leaving the others. Agents
 * change everything; the customers who see the ticket change its subject and followers, mark it
 * solved and reopen a solved one. A status change moves the SLA clocks (pausing them while the
 * ticket waits), a priority change gives them the new priority's targets. A closed ticket changes
 * no more.
 *
 * @see Status#next() the moves a status allows
 */
public final class UpdateTicket implements Endpoint<UpdateTicket.Request, Ticket.View> {

  static final String NONE = "none";

  /**
   * @param assigneeId a support agent's user id, or {@code none} to unassign; leaving it out keeps the assignee
   * @param followerIds replaces the followers: members of the ticket's organization
   */
  public record Request(String subject, String status, String priority, String assigneeId, List<String> tags, List<UUID> followerIds)
      implements Validatable {
    @Override
    public void validate(Violations v) {
      TicketRules.subject(v, subject, false);
      TicketRules.status(v, status);
      TicketRules.priority(v, priority);
      TicketRules.tags(v, tags);
      TicketRules.followers(v, followerIds);
      if (assigneeId != null && !NONE.equals(assigneeId) && Ids.parse(assigneeId) == null) {
        v.add("assignee_id", "must be a user id, or none to unassign");
      }
    }

    /** The assignee asked for: empty to unassign; call only when {@code assignee_id} was sent. */
    Optional<UUID> assignee() {
      return NONE.equals(assigneeId) ? Optional.empty() : Optional.of(Ids.parse(assigneeId));
    }
  }

  @Override
  public Reply<Ticket.View> handle(Call<Request> call) {
    Request r = call.body();
    Viewer viewer = Viewer.of(call.caller());
    Tickets tickets = new Tickets(call.db(), viewer);
    Ticket before = tickets.lock(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    if (before.status() == Status.CLOSED) {
      throw TicketRules.closed();
    }
    People people = new People(call.db());
    Instant now = call.now();
    BusinessCalendar calendar = new Calendars(call.db()).of(before.organizationId());

    String subject = r.subject() == null ? before.subject() : r.subject();
    String priority = before.priority();
    SlaClock clock = before.clock();
    if (r.priority() != null && !r.priority().equals(priority)) {
      requireAgent(viewer, "changing the priority");
      priority = r.priority();
      String plan = Limits.plan(call.db(), before.organizationId()).orElseThrow();
      clock = clock.retarget(SlaPolicy.targets(call.db(), plan, priority), before.status().phase(), before.responded(), calendar);
    }
    UUID assignee = before.assigneeId();
    if (r.assigneeId() != null && !Objects.equals(r.assignee().orElse(null), assignee)) {
      requireAgent(viewer, "assigning a ticket");
      assignee = r.assignee().orElse(null);
      if (assignee != null && !people.isAgent(assignee)) {
        throw ApiException.invalid("assignee_id", "is not a support agent");
      }
    }
    List<String> tags = before.tags();
    if (r.tags() != null && !new HashSet<>(r.tags()).equals(new HashSet<>(tags))) {
      requireAgent(viewer, "tagging a ticket");
      tags = r.tags().stream().sorted().toList();
    }
    List<UUID> followers = before.followerIds();
    if (r.followerIds() != null) {
      Set<UUID> members = people.membersOf(before.organizationId(), r.followerIds());
      for (int i = 0; i < r.followerIds().size(); i++) {
        if (!members.contains(r.followerIds().get(i))) {
          throw ApiException.invalid("follower_ids[" + i + "]", "is not a member of the ticket's organization");
        }
      }
      followers = r.followerIds().stream().sorted().toList();
    }
    Status status = before.status();
    Instant solvedAt = before.solvedAt();
    Instant closedAt = before.closedAt();
    if (r.status() != null && !r.status().equals(status.code())) {
      Status to = Status.of(r.status());
      if (!viewer.agent() && !(to == Status.SOLVED || (status == Status.SOLVED && to == Status.OPEN))) {
        throw TicketRules.agentsOnly("moving a ticket to " + to.code());
      }
      if (!status.next().contains(to)) {
        throw new ApiException(ProblemType.CONFLICT, "a " + status.code() + " ticket cannot become " + to.code()
            + "; it can become " + status.next().stream().map(Status::code).toList()).code(SupportProblem.TRANSITION_NOT_ALLOWED);
      }
      clock = clock.enter(to.phase(), before.responded(), now, calendar);
      solvedAt = to == Status.SOLVED ? now : to.phase() == SlaClock.Phase.RESOLVED ? solvedAt : null;
      closedAt = to == Status.CLOSED ? now : null;
      status = to;
    }

    Ticket after = new Ticket(before.id(), before.organizationId(), before.requesterId(), subject, status, priority, assignee, tags,
        followers, before.createdAt(), now, before.firstRespondedAt(), solvedAt, closedAt, clock,
        before.firstResponseBreachedAt(), before.resolutionBreachedAt());
    Map<String, Object> changes = changes(before, after);
    if (changes.isEmpty()) {
      return Reply.ok(before.view(now));
    }
    tickets.update(after);
    call.audit(before.organizationId(), viewer.userId(), SupportAction.TICKET_UPDATED, "support_ticket", before.id(), Map.of("changes", changes));
    TicketNotices notices = new TicketNotices(people, n -> call.publish(Notification.QUEUE, n));
    if (after.assigneeId() != null && !after.assigneeId().equals(before.assigneeId())) {
      notices.assigned(after, viewer.userId());
    }
    if (after.status() == Status.SOLVED && before.status() != Status.SOLVED) {
      notices.solved(after, viewer.userId());
    }
    return Reply.ok(tickets.find(before.id()).orElseThrow().view(now));
  }

  private static void requireAgent(Viewer viewer, String what) {
    if (!viewer.agent()) {
      throw TicketRules.agentsOnly(what);
    }
  }

  /** {@code {field: {from, to}}} for each field that changed. */
  private static Map<String, Object> changes(Ticket before, Ticket after) {
    return new AuditChanges()
        .field("subject", before.subject(), after.subject())
        .field("status", before.status().code(), after.status().code())
        .field("priority", before.priority(), after.priority())
        .field("assignee_id", before.assigneeId(), after.assigneeId())
        .field("tags", before.tags(), after.tags())
        .field("follower_ids", before.followerIds(), after.followerIds())
        .toMap();
  }
}

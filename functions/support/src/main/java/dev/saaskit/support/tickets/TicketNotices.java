package dev.saaskit.support.tickets;

import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.support.people.People;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who hears of what happens to a ticket, through the {@code notifications} queue (the
 * notifications domain renders the templates; the README lists their variables). Customers
 * (requester and followers) hear of agents' public replies and of the ticket being solved; agents
 * (the assignee, or every support agent while there is none) of new tickets, customers' replies and
 * breaches; an assignee of being assigned. Whoever caused the event is not told of it. An internal
 * note's text is never in a message.
 */
public final class TicketNotices {

  public static final String CREATED = "ticket_created";
  public static final String REPLIED = "ticket_replied";
  public static final String ASSIGNED = "ticket_assigned";
  public static final String SOLVED = "ticket_solved";
  public static final String SLA_BREACHED = "sla_breached";

  /** At most this much of a reply goes into its notification. */
  static final int EXCERPT = 500;

  private final People people;
  private final Consumer<Notification> publish;

  public TicketNotices(People people, Consumer<Notification> publish) {
    this.people = people;
    this.publish = publish;
  }

  /** A new ticket: the agents, and the requester as a receipt. */
  void created(Ticket t) {
    send(agentsOf(t), CREATED, t, Map.of(), t.requesterId());
    send(people.byIds(List.of(t.requesterId())), CREATED, t, Map.of(), null);
  }

  /** A public reply: by an agent to the customers, by a customer to the agents. */
  public void replied(Ticket t, UUID author, boolean byAgent, String body) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("reply_by", byAgent ? "agent" : "customer");
    variables.put("excerpt", body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body);
    send(byAgent ? customersOf(t) : agentsOf(t), REPLIED, t, variables, author);
  }

  void assigned(Ticket t, UUID actor) {
    send(people.byIds(List.of(t.assigneeId())), ASSIGNED, t, Map.of(), actor);
  }

  void solved(Ticket t, UUID actor) {
    send(customersOf(t), SOLVED, t, Map.of(), actor);
  }

  /** A clock past its due time, found by the schedule: once per breach. */
  public void breached(Ticket t, String clock, Instant dueAt) {
    send(agentsOf(t), SLA_BREACHED, t, Map.of("clock", clock, "due_at", dueAt.toString()), null);
  }

  private List<People.Person> customersOf(Ticket t) {
    Set<UUID> ids = new LinkedHashSet<>();
    ids.add(t.requesterId());
    ids.addAll(t.followerIds());
    return people.byIds(ids);
  }

  private List<People.Person> agentsOf(Ticket t) {
    return t.assigneeId() != null ? people.byIds(List.of(t.assigneeId())) : people.agents();
  }

  private void send(Collection<People.Person> to, String template, Ticket t, Map<String, Object> extra, UUID except) {
    List<People.Person> recipients = new ArrayList<>(to);
    recipients.removeIf(p -> p.id().equals(except));
    for (People.Person person : recipients) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("full_name", person.fullName());
      variables.put("ticket_id", t.id().toString());
      variables.put("subject", t.subject());
      variables.put("status", t.status().code());
      variables.put("priority", t.priority());
      variables.putAll(extra);
      publish.accept(new Notification(template, person.email(), variables, t.organizationId()));
    }
  }
}

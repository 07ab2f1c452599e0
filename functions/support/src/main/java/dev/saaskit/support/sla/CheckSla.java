package dev.saaskit.support.sla;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.support.people.People;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.TicketNotices;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code support-sla-check}: marks every running clock past its due time as breached (the breach
 * at the due time) and queues an {@code sla_breached} notification to the ticket's agents, in the
 * same transaction. The mark is made only where none is, by a statement that locks the rows, so a
 * breach is escalated once however often, and however concurrently, the check runs. Clocks that
 * stopped late (a first reply or a solve after the due time) show as breached on reads; they are
 * not escalated, since nothing is left to escalate. Up to {@value #BATCH} breaches of each clock a run.
 */
public final class CheckSla implements ScheduledJob {

  static final int BATCH = 200;

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    TicketNotices notices = new TicketNotices(new People(run.db()), n -> run.publish(Notification.QUEUE, n));
    Tickets tickets = new Tickets(run.db(), Viewer.platform());
    int firstResponse = escalate(run, tickets, notices, "first_response",
        "first_response_breached_at is null and first_responded_at is null");
    int resolution = escalate(run, tickets, notices, "resolution", "resolution_breached_at is null and solved_at is null");
    return Map.of("first_response_breaches", firstResponse, "resolution_breaches", resolution);
  }

  private static int escalate(ScheduledRun run, Tickets tickets, TicketNotices notices, String clock, String open) {
    List<Map.Entry<UUID, Instant>> breached = run.db().createQuery(
            """
            with due as (
                select id from support_tickets
                 where %2$s and %1$s_due_at <= :now and status in ('new', 'open')
                 order by %1$s_due_at
                 limit :limit
                   for update skip locked)
            update support_tickets t set %1$s_breached_at = t.%1$s_due_at
              from due where t.id = due.id
            returning t.id, t.%1$s_due_at as due_at
            """.formatted(clock, open))
        .bind("now", run.now())
        .bind("limit", BATCH)
        .map(rs -> Map.entry(rs.getObject("id", UUID.class), instant(rs, "due_at")))
        .list();
    for (Map.Entry<UUID, Instant> b : breached) {
      Ticket ticket = tickets.find(b.getKey()).orElseThrow();
      notices.breached(ticket, clock, b.getValue());
    }
    return breached.size();
  }
}

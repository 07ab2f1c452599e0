package dev.saaskit.support.tickets;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlStatement;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.support.sla.SlaClock;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code support_tickets} a {@link Viewer} reaches, and their followers. Every query carries the
 * viewer's condition, so a ticket the caller may not see is simply not found.
 */
public final class Tickets {

  private static final String COLUMNS =
      """
      t.id, t.organization_id, t.requester_id, t.subject, t.status, t.priority, t.assignee_id, t.tags,
      array(select f.user_id from support_ticket_followers f where f.ticket_id = t.id order by f.user_id) as follower_ids,
      t.created_at, t.updated_at, t.first_responded_at, t.solved_at, t.closed_at,
      t.first_response_minutes, t.resolution_minutes, t.sla_running_since, t.sla_consumed_seconds,
      t.first_response_due_at, t.resolution_due_at, t.first_response_breached_at, t.resolution_breached_at
      """;

  private final Handle db;
  private final Viewer viewer;

  public Tickets(Handle db, Viewer viewer) {
    this.db = db;
    this.viewer = viewer;
  }

  /** The ticket, if the viewer reaches it. */
  public Optional<Ticket> find(UUID id) {
    return one(id, "");
  }

  /** The ticket, if the viewer reaches it, locked for a change until the transaction ends. */
  public Optional<Ticket> lock(UUID id) {
    return one(id, " for update of t");
  }

  private Optional<Ticket> one(UUID id, String lock) {
    return viewer.bind(db.createQuery("select " + COLUMNS + " from support_tickets t where t.id = :id and " + Viewer.SEES_TICKET + lock))
        .bind("id", id)
        .map(rs -> read(rs))
        .findOne();
  }

  /** What the list route filters by; null fields do not filter. */
  record Filter(String status, String priority, UUID assigneeId, boolean unassigned, UUID organizationId, String tag, String subject) {}

  /** The tickets the viewer reaches that pass the filter, newest first. */
  List<Ticket> list(Filter filter, PageRequest page) {
    return viewer.bind(db.createQuery("select " + COLUMNS + " from support_tickets t where " + Viewer.SEES_TICKET
                + """
                   and (cast(:after as uuid) is null or t.id < cast(:after as uuid))
                   and (cast(:status as text) is null or t.status = cast(:status as text))
                   and (cast(:priority as text) is null or t.priority = cast(:priority as text))
                   and (cast(:assignee as uuid) is null or t.assignee_id = cast(:assignee as uuid))
                   and (not :unassigned or t.assignee_id is null)
                   and (cast(:filter_org as uuid) is null or t.organization_id = cast(:filter_org as uuid))
                   and (cast(:tag as text) is null or cast(:tag as text) = any(t.tags))
                   and (cast(:pattern as text) is null or t.subject ilike cast(:pattern as text) escape '!')
                 order by t.id desc
                 limit :limit
                """))
        .bind("after", page.after())
        .bind("status", filter.status())
        .bind("priority", filter.priority())
        .bind("assignee", filter.assigneeId())
        .bind("unassigned", filter.unassigned())
        .bind("filter_org", filter.organizationId())
        .bind("tag", filter.tag())
        .bind("pattern", filter.subject() == null ? null
            : "%" + filter.subject().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** Stores a new ticket of the viewer's organization, opened by the viewer. */
  Ticket insert(UUID id, String subject, String priority, SlaClock clock, Instant now) {
    bindClock(db.createUpdate(
            """
            insert into support_tickets (id, organization_id, requester_id, subject, status, priority, created_at, updated_at,
                                         first_response_minutes, resolution_minutes, sla_running_since, sla_consumed_seconds,
                                         first_response_due_at, resolution_due_at)
            values (:id, :org, :requester, :subject, 'new', :priority, :now, :now,
                    :first_response_minutes, :resolution_minutes, :running_since, :consumed, :first_response_due, :resolution_due)
            """), clock)
        .bind("id", id)
        .bind("org", viewer.organizationId())
        .bind("requester", viewer.userId())
        .bind("subject", subject)
        .bind("priority", priority)
        .bind("now", now)
        .execute();
    return find(id).orElseThrow();
  }

  /** Writes a changed ticket (found through {@link #lock}) back, its followers included. */
  public Ticket update(Ticket t) {
    bindClock(db.createUpdate(
            """
            update support_tickets
               set subject = :subject, status = :status, priority = :priority, assignee_id = :assignee, tags = :tags,
                   updated_at = :updated_at, first_responded_at = :first_responded_at, solved_at = :solved_at, closed_at = :closed_at,
                   first_response_minutes = :first_response_minutes, resolution_minutes = :resolution_minutes,
                   sla_running_since = :running_since, sla_consumed_seconds = :consumed,
                   first_response_due_at = :first_response_due, resolution_due_at = :resolution_due
             where id = :id and organization_id = :org
            """), t.clock())
        .bind("id", t.id())
        .bind("org", t.organizationId())
        .bind("subject", t.subject())
        .bind("status", t.status().code())
        .bind("priority", t.priority())
        .bind("assignee", t.assigneeId())
        .bind("tags", t.tags().toArray(String[]::new))
        .bind("updated_at", t.updatedAt())
        .bind("first_responded_at", t.firstRespondedAt())
        .bind("solved_at", t.solvedAt())
        .bind("closed_at", t.closedAt())
        .execute();
    db.createUpdate("delete from support_ticket_followers where ticket_id = :id and not (user_id = any(:followers))")
        .bind("id", t.id())
        .bind("followers", t.followerIds().toArray(UUID[]::new))
        .execute();
    for (UUID follower : t.followerIds()) {
      db.createUpdate(
              """
              insert into support_ticket_followers (ticket_id, organization_id, user_id) values (:id, :org, :user)
              on conflict do nothing
              """)
          .bind("id", t.id())
          .bind("org", t.organizationId())
          .bind("user", follower)
          .execute();
    }
    return t;
  }

  /** Binds the clock's columns by the names the insert and update use. */
  private static <S extends SqlStatement<S>> S bindClock(S statement, SlaClock clock) {
    return statement
        .bind("first_response_minutes", clock.firstResponseMinutes())
        .bind("resolution_minutes", clock.resolutionMinutes())
        .bind("running_since", clock.runningSince())
        .bind("consumed", clock.consumedSeconds())
        .bind("first_response_due", clock.firstResponseDueAt())
        .bind("resolution_due", clock.resolutionDueAt());
  }

  static Ticket read(ResultSet rs) throws SQLException {
    SlaClock clock = new SlaClock(rs.getObject("first_response_minutes", Integer.class), rs.getObject("resolution_minutes", Integer.class),
        instant(rs, "sla_running_since"), rs.getLong("sla_consumed_seconds"), instant(rs, "first_response_due_at"),
        instant(rs, "resolution_due_at"));
    return new Ticket(
        rs.getObject("id", UUID.class),
        rs.getObject("organization_id", UUID.class),
        rs.getObject("requester_id", UUID.class),
        rs.getString("subject"),
        Status.of(rs.getString("status")),
        rs.getString("priority"),
        rs.getObject("assignee_id", UUID.class),
        strings(rs.getArray("tags")),
        uuids(rs.getArray("follower_ids")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "first_responded_at"),
        instant(rs, "solved_at"),
        instant(rs, "closed_at"),
        clock,
        instant(rs, "first_response_breached_at"),
        instant(rs, "resolution_breached_at"));
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static List<UUID> uuids(Array array) throws SQLException {
    return List.of((UUID[]) array.getArray());
  }
}

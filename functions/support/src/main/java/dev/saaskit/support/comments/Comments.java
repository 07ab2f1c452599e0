package dev.saaskit.support.comments;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The comments of a ticket the caller reaches (found through {@link Tickets} first). Internal notes
 * are left out of every read unless the reader is an agent: this is the one query that reads
 * comments.
 */
public final class Comments {

  private final Handle db;

  public Comments(Handle db) {
    this.db = db;
  }

  public Comment insert(Ticket ticket, UUID author, boolean byAgent, boolean internal, String body, Instant now) {
    Comment comment = new Comment(Ids.newId(), ticket.id(), author, byAgent, internal, body, now);
    db.createUpdate(
            """
            insert into support_comments (id, ticket_id, organization_id, author_id, by_agent, internal, body, created_at)
            values (:id, :ticket, :org, :author, :by_agent, :internal, :body, :now)
            """)
        .bind("id", comment.id())
        .bind("ticket", ticket.id())
        .bind("org", ticket.organizationId())
        .bind("author", author)
        .bind("by_agent", byAgent)
        .bind("internal", internal)
        .bind("body", body)
        .bind("now", now)
        .execute();
    return comment;
  }

  /** The ticket's comments the viewer may read, oldest first. */
  List<Comment> list(Ticket ticket, Viewer viewer, PageRequest page) {
    return db.createQuery(
            """
            select id, ticket_id, author_id, by_agent, internal, body, created_at from support_comments
             where ticket_id = :ticket and organization_id = :org and (:agent or not internal)
               and (cast(:after as uuid) is null or id > cast(:after as uuid))
             order by id
             limit :limit
            """)
        .bind("ticket", ticket.id())
        .bind("org", ticket.organizationId())
        .bind("agent", viewer.agent())
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> new Comment(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
            rs.getObject("author_id", UUID.class), rs.getBoolean("by_agent"), rs.getBoolean("internal"), rs.getString("body"),
            instant(rs, "created_at")))
        .list();
  }
}

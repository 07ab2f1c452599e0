package dev.saaskit.identity.sessions;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/sessions}: the account's live sessions, oldest first, with the current one marked. */
public final class ListSessions implements Endpoint<Void, Page<ListSessions.Session>> {

  public record Session(
      UUID id, UUID organizationId, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip, String userAgent, boolean current) {}

  @Override
  public Reply<Page<Session>> handle(Call<Void> call) {
    PageRequest page = call.page();
    UUID current = call.caller().sessionId();
    List<Session> rows = call.db().createQuery(
            """
            select id, organization_id, created_at, last_used_at, expires_at, ip, user_agent from sessions
             where user_id = :user and revoked_at is null and expires_at > cast(:now as timestamptz)
               and (cast(:after as uuid) is null or id > :after)
             order by id
             limit :limit
            """)
        .bind("user", call.caller().user())
        .bind("now", call.now())
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> {
          UUID id = rs.getObject("id", UUID.class);
          return new Session(id, rs.getObject("organization_id", UUID.class), instant(rs, "created_at"),
              instant(rs, "last_used_at"), instant(rs, "expires_at"), rs.getString("ip"), rs.getString("user_agent"),
              id.equals(current));
        })
        .list();
    return Reply.ok(Page.of(rows, page, Session::id));
  }
}

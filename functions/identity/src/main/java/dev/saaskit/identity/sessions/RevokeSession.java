package dev.saaskit.identity.sessions;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/sessions/{id}}: ends one of the account's own live sessions (the current
 * one too: that is a logout). Another account's session, or one already ended, is 404.
 */
public final class RevokeSession implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    int revoked = call.db().createUpdate(
            """
            update sessions set revoked_at = :now, revoked_reason = 'revoked_by_user'
             where id = :id and user_id = :user and revoked_at is null and expires_at > cast(:now as timestamptz)
            """)
        .bind("now", call.now())
        .bind("id", id)
        .bind("user", call.caller().user())
        .execute();
    if (revoked == 0) {
      throw ApiException.notFound("session");
    }
    call.audit(IdentityAction.SESSION_REVOKED, "session", id, Map.of("reason", "revoked_by_user"));
    return Reply.noContent();
  }
}

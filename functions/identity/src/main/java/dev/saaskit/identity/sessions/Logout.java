package dev.saaskit.identity.sessions;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.Map;

/**
 * {@code POST /api/v1/logout}: ends the session the access token belongs to, so its refresh tokens
 * stop working. The access token itself stays valid until it expires (at most {@code
 * ACCESS_TOKEN_TTL_SECONDS}): verifying it never touches the database. Logging out twice is fine.
 */
public final class Logout implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    if (Sessions.revoke(call.db(), call.caller().sessionId(), "logout", call.now())) {
      call.audit(IdentityAction.USER_LOGOUT, "session", call.caller().sessionId(), Map.of());
    }
    return Reply.noContent();
  }
}

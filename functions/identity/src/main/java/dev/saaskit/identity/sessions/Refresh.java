package dev.saaskit.identity.sessions;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.members.Members;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/refresh}: rotates a refresh token. The token becomes used and a new pair is
 * returned in the same session. The same token again within {@code REFRESH_REUSE_GRACE_SECONDS}
 * (10) gets the same successor with a new access token (two tabs refreshing at once), so the
 * session never has two live branches; after the grace window it is reuse: the whole session is
 * revoked and audited, and the request fails. A session ends 90 days ({@code SESSION_MAX_DAYS})
 * after sign-in however often it is refreshed. Roles are read afresh, so a changed role or a
 * removed membership takes effect at the next refresh.
 */
public final class Refresh implements Endpoint<Refresh.Request, Sessions.TokenPair> {

  public record Request(String refreshToken) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("refresh_token", refreshToken, 200);
    }
  }

  private final Sessions sessions;
  private final Duration grace = Settings.getSeconds("REFRESH_REUSE_GRACE_SECONDS", Duration.ofSeconds(10));

  public Refresh(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<Sessions.TokenPair> handle(Call<Request> call) {
    String token = call.body().refreshToken();
    if (!OpaqueTokens.wellFormed(token)) {
      throw invalid();
    }
    RefreshTokens tokens = new RefreshTokens(call.db());
    RefreshTokens.Presented presented = tokens.findForRotation(token).orElseThrow(Refresh::invalid);
    if (presented.sessionRevokedAt() != null) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the session has ended; sign in again").code(IdentityProblem.SESSION_ENDED);
    }
    if (!presented.expiresAt().isAfter(call.now()) || !presented.sessionExpiresAt().isAfter(call.now())) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the refresh token has expired; sign in again").code(IdentityProblem.REFRESH_TOKEN_EXPIRED);
    }
    if (presented.usedAt() != null && presented.usedAt().plus(grace).isBefore(call.now())) {
      Sessions.revoke(call.db(), presented.sessionId(), "refresh_token_reused", call.now());
      call.audit(presented.organizationId(), presented.userId(), IdentityAction.SESSION_REFRESH_TOKEN_REUSED, "session", presented.sessionId(),
          Map.of("used_at", presented.usedAt().toString()));
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the refresh token was already used; the session has ended, sign in again")
          .code(IdentityProblem.REFRESH_TOKEN_REUSED)
          .keepChanges();
    }
    Optional<Accounts.Account> user = new Accounts(call.db()).find(presented.userId()).filter(Accounts.Account::active);
    Optional<Members.Membership> membership = user.flatMap(u -> new Members(call.db()).activeMembership(u.id(), presented.organizationId()));
    if (membership.isEmpty()) {
      Sessions.revoke(call.db(), presented.sessionId(), "access_lost", call.now());
      call.audit(presented.organizationId(), presented.userId(), IdentityAction.SESSION_REVOKED, "session", presented.sessionId(),
          Map.of("reason", "access_lost"));
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the account no longer has access to this organization; sign in again")
          .code(IdentityProblem.SESSION_ENDED)
          .keepChanges();
    }
    if (presented.usedAt() == null) {
      tokens.markUsed(token, call.now());
    }
    Sessions.Grant grant = new Sessions.Grant(presented.userId(), presented.organizationId(), membership.get().role(), user.get().platformRoles());
    return Reply.ok(sessions.rotate(call.db(), presented.family(), token, grant, call.now()));
  }

  private static ApiException invalid() {
    return new ApiException(ProblemType.UNAUTHENTICATED, "the refresh token is not valid").code(IdentityProblem.REFRESH_TOKEN_INVALID);
  }
}

package dev.saaskit.identity.sessions;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.members.Members;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/token/switch}: a token pair for another organization the account belongs to.
 * The current session ends and a new one starts, scoped to the target: a session is always about
 * one organization. Only a live session may switch, so an access token outliving its session
 * cannot mint a new refresh token. Organizations the account is not an active member of are 404.
 */
public final class SwitchOrganization implements Endpoint<SwitchOrganization.Request, SignedIn> {

  public record Request(UUID organizationId) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.required("organization_id", organizationId);
    }
  }

  private final Sessions sessions;

  public SwitchOrganization(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<SignedIn> handle(Call<Request> call) {
    UUID userId = call.caller().user();
    if (!Sessions.isLive(call.db(), call.caller().sessionId(), userId, call.now())) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the session has ended; sign in again").code(IdentityProblem.SESSION_ENDED);
    }
    Accounts.Account user = new Accounts(call.db()).find(userId).filter(Accounts.Account::active)
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account is no longer active").code(IdentityProblem.ACCOUNT_INACTIVE));
    Members.Membership target = new Members(call.db()).activeMembership(userId, call.body().organizationId())
        .orElseThrow(() -> ApiException.notFound("organization"));
    Sessions.revoke(call.db(), call.caller().sessionId(), "organization_switched", call.now());
    call.audit(target.organizationId(), userId, IdentityAction.USER_ORGANIZATION_SWITCHED, "organization", target.organizationId(),
        Map.of("from_organization_id", call.caller().organization().toString()));
    return Reply.ok(SignIn.start(sessions, call, user, target));
  }
}

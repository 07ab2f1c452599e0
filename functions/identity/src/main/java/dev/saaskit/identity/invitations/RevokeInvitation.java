package dev.saaskit.identity.invitations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/organizations/{id}/invitations/{inv_id}} (org_admin, super_admin): revokes
 * an invitation, so its token no longer works. Revoking a revoked invitation changes nothing; an
 * accepted one is a 409 (remove the member instead).
 */
public final class RevokeInvitation implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Organization org = Organizations.addressed(call);
    UUID id = call.pathId("inv_id");
    Invitations invitations = new Invitations(call.db());
    Invitations.Found invitation = invitations.find(org.id(), id).orElseThrow(() -> ApiException.notFound("invitation"));
    if (invitation.acceptedAt() != null) {
      throw new ApiException(ProblemType.CONFLICT, "the invitation was accepted; remove the member instead").code(IdentityProblem.INVITATION_USED);
    }
    if (invitation.revokedAt() == null) {
      invitations.revoke(id, call.caller().user(), call.now());
      call.audit(org.id(), call.caller().userId(), IdentityAction.INVITATION_REVOKED, "invitation", id, Map.of("email", invitation.email()));
    }
    return Reply.noContent();
  }
}

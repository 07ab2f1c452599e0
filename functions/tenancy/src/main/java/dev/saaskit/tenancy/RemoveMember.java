package dev.saaskit.tenancy;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.OrganizationAdmins;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.identity.Sessions;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/organizations/{id}/members/{user_id}} (org_admin, super_admin): removes a
 * member from the organization and its workspaces. The last active org_admin cannot be removed (409).
 * The account stays. The member's sessions in the organization end, so their refresh tokens stop
 * working at once; tenancy routes refuse the removed member at once too, the rest of the platform
 * when their access token expires.
 */
public final class RemoveMember implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Organization org = Organizations.addressed(call);
    UUID userId = call.pathId("user_id");
    Members members = new Members(call.db());
    // Locks the active admins' memberships before reading the member (see ChangeMemberRole).
    int otherAdmins = OrganizationAdmins.othersThan(call.db(), org.id(), userId);
    Member member = members.find(org.id(), userId).orElseThrow(() -> ApiException.notFound("member"));
    if (member.role() == Role.ORG_ADMIN && member.active() && otherAdmins == 0) {
      throw new ApiException(ProblemType.CONFLICT, "the last org_admin cannot be removed; make another member org_admin first");
    }
    members.remove(org.id(), userId);
    int ended = Sessions.revokeInOrganization(call.db(), userId, org.id(), "removed_from_organization", call.now());
    call.audit(org.id(), call.caller().userId(), "member.removed", "user", userId, Map.of("role", member.role().code(), "sessions_ended", ended));
    return Reply.noContent();
  }
}

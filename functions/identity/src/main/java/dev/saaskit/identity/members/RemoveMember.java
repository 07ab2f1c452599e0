package dev.saaskit.identity.members;

import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/organizations/{id}/members/{user_id}} (org_admin, super_admin): removes a
 * member from the organization and its workspaces, by the rule {@link MembershipChanges} keeps (the
 * last active org_admin stays, 409). The account stays. The member's sessions in the organization
 * end, so their refresh tokens stop working at once; identity's routes refuse the removed member at
 * once too, the rest of the platform when their access token expires.
 */
public final class RemoveMember implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Organization org = Organizations.addressed(call);
    MembershipChanges.remove(call, org.id(), call.pathId("user_id"));
    return Reply.noContent();
  }
}

package dev.saaskit.identity.members;

import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/organizations/{id}/members/{user_id}} (org_admin, super_admin): changes a
 * member's role, by the rule {@link MembershipChanges} keeps for every route (the last active
 * org_admin stays, 409). The member's access tokens carry the old role until they expire; the next
 * sign-in or refresh carries the new one.
 */
public final class ChangeMemberRole implements Endpoint<ChangeMemberRole.Request, Member> {

  public record Request(String role) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("role", role)) {
        v.oneOf("role", role, Members.ROLE_CODES);
      }
    }
  }

  @Override
  public Reply<Member> handle(Call<Request> call) {
    Organization org = Organizations.addressed(call);
    Role role = Role.fromCode(call.body().role()).orElseThrow();
    return Reply.ok(MembershipChanges.change(call, org.id(), call.pathId("user_id"), role, null));
  }
}

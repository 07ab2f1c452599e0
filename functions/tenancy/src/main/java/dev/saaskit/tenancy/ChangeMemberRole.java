package dev.saaskit.tenancy;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.OrganizationAdmins;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/organizations/{id}/members/{user_id}} (org_admin, super_admin): changes a
 * member's role. The last active org_admin cannot be demoted (409): an organization always keeps one.
 * The member's access tokens carry the old role until they expire; the next sign-in or refresh
 * carries the new one.
 */
public final class ChangeMemberRole implements Endpoint<ChangeMemberRole.Request, Member> {

  public record Request(String role) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("role", role)) {
        v.oneOf("role", role, Members.ROLES);
      }
    }
  }

  @Override
  public Reply<Member> handle(Call<Request> call) {
    Organization org = Organizations.addressed(call);
    UUID userId = call.pathId("user_id");
    Role role = Role.fromCode(call.body().role()).orElseThrow();
    Members members = new Members(call.db());
    // Locks the active admins' memberships before reading the member: two admins demoting each
    // other at once cannot leave the organization without one.
    int otherAdmins = OrganizationAdmins.othersThan(call.db(), org.id(), userId);
    Member member = members.find(org.id(), userId).orElseThrow(() -> ApiException.notFound("member"));
    if (member.role() == role) {
      return Reply.ok(member);
    }
    if (member.role() == Role.ORG_ADMIN && member.active() && otherAdmins == 0) {
      throw new ApiException(ProblemType.CONFLICT, "the last org_admin cannot be demoted; make another member org_admin first");
    }
    members.changeRole(org.id(), userId, role);
    call.audit(org.id(), call.caller().userId(), "member.role_changed", "user", userId,
        Map.of("from", member.role().code(), "to", role.code()));
    return Reply.ok(members.find(org.id(), userId).orElseThrow());
  }
}

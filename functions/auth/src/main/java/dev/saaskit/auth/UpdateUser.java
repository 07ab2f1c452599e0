package dev.saaskit.auth;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.OrganizationAdmins;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.identity.Sessions;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/users/{id}}: changes a member's role or active flag in the caller's
 * organization (an org_admin's or a super_admin's own). Both belong to the membership, not the
 * account, which other organizations share: suspending a member ends their sessions in this
 * organization only. A new role reaches the member's tokens at their next refresh. The last active
 * org_admin cannot be demoted or suspended (409). Non-members are 404.
 */
public final class UpdateUser implements Endpoint<UpdateUser.Request, Directory.UserView> {

  static final List<Role> ORGANIZATION_ROLES = List.of(Role.ORG_ADMIN, Role.BILLING_ADMIN, Role.USER);

  public record Request(Role role, Boolean active) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (role == null && active == null) {
        v.add("body", "send role, active or both");
      }
      if (role != null && !ORGANIZATION_ROLES.contains(role)) {
        v.add("role", "must be one of org_admin, billing_admin, user");
      }
    }
  }

  @Override
  public Reply<Directory.UserView> handle(Call<Request> call) {
    UUID id = call.pathId("id");
    UUID org = call.caller().organization();
    Memberships memberships = new Memberships(call.db());
    if (new Users(call.db()).find(id).isEmpty()) {
      throw ApiException.notFound("user");
    }
    Memberships.Membership current = memberships.find(id, org).orElseThrow(() -> ApiException.notFound("user"));
    Role role = call.body().role() == null ? current.role() : call.body().role();
    boolean active = call.body().active() == null ? current.active() : call.body().active();
    boolean wasAdmin = current.role() == Role.ORG_ADMIN && current.active();
    boolean staysAdmin = role == Role.ORG_ADMIN && active;
    if (wasAdmin && !staysAdmin && OrganizationAdmins.othersThan(call.db(), org, id) == 0) {
      throw new ApiException(ProblemType.CONFLICT, "an organization needs at least one active org_admin; make another member org_admin first");
    }
    memberships.update(org, id, role, active);
    if (role != current.role()) {
      call.audit("user.role_changed", "user", id, Map.of("from", current.role().code(), "to", role.code()));
    }
    if (active != current.active()) {
      int ended = active ? 0 : Sessions.revokeInOrganization(call.db(), id, org, "suspended", call.now());
      call.audit(active ? "user.reactivated" : "user.suspended", "user", id, Map.of("sessions_ended", ended));
    }
    return Reply.ok(new Directory(call.db()).find(call.caller(), id).orElseThrow());
  }
}

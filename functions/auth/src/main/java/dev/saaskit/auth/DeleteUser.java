package dev.saaskit.auth;

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
 * {@code DELETE /api/v1/users/{id}}. An org_admin removes the member from its organization (the
 * account lives on for its other organizations; its sessions here end; the last active org_admin
 * stays). A super_admin deletes the account platform-wide: a soft delete (the row stays for the
 * audit trail, the email becomes free) that ends every session. Nobody deletes their own account
 * here.
 */
public final class DeleteUser implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    UUID org = call.caller().organization();
    Users users = new Users(call.db());
    Users.User user = users.find(id).orElseThrow(() -> ApiException.notFound("user"));
    if (call.caller().isSuperAdmin()) {
      if (id.equals(call.caller().user())) {
        throw new ApiException(ProblemType.CONFLICT, "an account cannot delete itself here");
      }
      users.softDelete(id, call.now());
      int ended = Sessions.revokeAllOf(call.db(), id, null, "user_deleted", call.now());
      call.audit("user.deleted", "user", id, Map.of("email", user.email(), "sessions_ended", ended));
      return Reply.noContent();
    }
    Memberships memberships = new Memberships(call.db());
    Memberships.Membership membership = memberships.find(id, org).orElseThrow(() -> ApiException.notFound("user"));
    if (membership.role() == Role.ORG_ADMIN && membership.active() && OrganizationAdmins.othersThan(call.db(), org, id) == 0) {
      throw new ApiException(ProblemType.CONFLICT, "an organization needs at least one active org_admin; make another member org_admin first");
    }
    memberships.remove(org, id);
    int ended = Sessions.revokeInOrganization(call.db(), id, org, "removed_from_organization", call.now());
    call.audit("user.removed", "user", id, Map.of("email", user.email(), "sessions_ended", ended));
    return Reply.noContent();
  }
}

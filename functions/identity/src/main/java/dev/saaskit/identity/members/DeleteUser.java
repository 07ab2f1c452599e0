package dev.saaskit.identity.members;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/users/{id}}. An org_admin removes the member from its organization, as
 * {@code DELETE /api/v1/organizations/{id}/members/{user_id}} does (the account lives on for its
 * other organizations; its sessions here end; the last active org_admin stays). A super_admin
 * deletes the account platform-wide: a soft delete (the row stays for the audit trail, the email
 * becomes free) that ends every session and every membership, so the account is nobody's org_admin
 * any more; the audit entry names the organizations it leaves without one. Nobody deletes their own
 * account here.
 */
public final class DeleteUser implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    UUID org = call.caller().organization();
    Accounts users = new Accounts(call.db());
    Accounts.Account user = users.find(id).orElseThrow(() -> ApiException.notFound("user"));
    if (call.caller().isSuperAdmin()) {
      if (id.equals(call.caller().user())) {
        throw new ApiException(ProblemType.CONFLICT, "an account cannot delete itself here");
      }
      List<UUID> leftWithoutAdmin = MembershipChanges.removeEverywhere(call, id);
      users.softDelete(id, call.now());
      int ended = Sessions.revokeAllOf(call.db(), id, null, "user_deleted", call.now());
      call.audit(IdentityAction.USER_DELETED, "user", id,
          Map.of("email", user.email(), "sessions_ended", ended, "organizations_left_without_admin", leftWithoutAdmin));
      return Reply.noContent();
    }
    if (new Members(call.db()).find(org, id).isEmpty()) {
      throw ApiException.notFound("user");
    }
    MembershipChanges.remove(call, org, id);
    return Reply.noContent();
  }
}

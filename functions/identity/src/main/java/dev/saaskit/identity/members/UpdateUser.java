package dev.saaskit.identity.members;

import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/users/{id}}: changes a member's role or active flag in the caller's
 * organization (an org_admin's or a super_admin's own), by the rule {@link MembershipChanges} keeps
 * for every route. Both belong to the membership, not the account, which other organizations share:
 * suspending a member ends their sessions in this organization only. A new role reaches the
 * member's tokens at their next refresh. The last active org_admin cannot be demoted or suspended
 * (409). Non-members are 404.
 */
public final class UpdateUser implements Endpoint<UpdateUser.Request, Directory.UserView> {

  public record Request(Role role, Boolean active) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (role == null && active == null) {
        v.add("body", "send role, active or both");
      }
      if (role != null && !Members.ROLES.contains(role)) {
        v.add("role", "must be one of " + String.join(", ", Members.ROLE_CODES));
      }
    }
  }

  @Override
  public Reply<Directory.UserView> handle(Call<Request> call) {
    UUID id = call.pathId("id");
    if (new Accounts(call.db()).find(id).isEmpty()) {
      throw ApiException.notFound("user");
    }
    MembershipChanges.change(call, call.caller().organization(), id, call.body().role(), call.body().active());
    return Reply.ok(new Directory(call.db()).find(call.caller(), id).orElseThrow());
  }
}

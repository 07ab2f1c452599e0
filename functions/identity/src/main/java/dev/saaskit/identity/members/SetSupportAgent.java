package dev.saaskit.identity.members;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/users/{id}/support-agent}: a super_admin grants or withdraws the platform role
 * support_agent, which lets an account work every organization's support tickets. It reaches the
 * account's access tokens at their next refresh or sign-in. super_admin itself is never granted here:
 * only {@code seed-super-admin} makes one.
 */
public final class SetSupportAgent implements Endpoint<SetSupportAgent.Request, Directory.UserView> {

  public record Request(Boolean supportAgent) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.required("support_agent", supportAgent);
    }
  }

  @Override
  public Reply<Directory.UserView> handle(Call<Request> call) {
    UUID id = call.pathId("id");
    boolean grant = call.body().supportAgent();
    int changed = call.db().createUpdate(
            """
            update users set platform_roles = case when :grant
                                                   then array_append(array_remove(platform_roles, 'support_agent'), 'support_agent')
                                                   else array_remove(platform_roles, 'support_agent') end,
                             updated_at = :now
             where id = :id and deleted_at is null and (:grant <> ('support_agent' = any(platform_roles)))
            """)
        .bind("grant", grant)
        .bind("now", call.now())
        .bind("id", id)
        .execute();
    Directory.UserView user = new Directory(call.db()).find(call.caller(), id).orElseThrow(() -> ApiException.notFound("user"));
    if (changed > 0) {
      call.audit(grant ? IdentityAction.USER_SUPPORT_AGENT_GRANTED : IdentityAction.USER_SUPPORT_AGENT_WITHDRAWN, "user", id,
          Map.of("email", user.email()));
    }
    return Reply.ok(user);
  }
}

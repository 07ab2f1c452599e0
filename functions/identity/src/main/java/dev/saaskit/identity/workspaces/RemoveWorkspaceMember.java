package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import java.util.Map;
import java.util.UUID;

/** {@code DELETE /api/v1/workspaces/{id}/members/{user_id}} (org_admin): takes a member out of the workspace. */
public final class RemoveWorkspaceMember implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Workspace workspace = Workspaces.addressed(call);
    UUID user = call.pathId("user_id");
    if (!new Workspaces(call.db()).removeMember(workspace.id(), workspace.organizationId(), user)) {
      throw ApiException.notFound("workspace member");
    }
    call.audit(workspace.organizationId(), call.caller().userId(), IdentityAction.WORKSPACE_MEMBER_REMOVED, "workspace", workspace.id(),
        Map.of("user_id", user.toString()));
    return Reply.noContent();
  }
}

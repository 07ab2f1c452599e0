package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.Map;

/** {@code DELETE /api/v1/workspaces/{id}} (org_admin): deletes the workspace and its memberships. */
public final class DeleteWorkspace implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Workspace workspace = Workspaces.addressed(call);
    new Workspaces(call.db()).delete(workspace.id(), workspace.organizationId());
    call.audit(workspace.organizationId(), call.caller().userId(), IdentityAction.WORKSPACE_DELETED, "workspace", workspace.id(),
        Map.of("name", workspace.name()));
    return Reply.noContent();
  }
}

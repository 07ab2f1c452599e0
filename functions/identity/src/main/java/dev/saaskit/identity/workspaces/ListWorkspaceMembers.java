package dev.saaskit.identity.workspaces;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/workspaces/{id}/members} (org_admin): the workspace's members with their roles. */
public final class ListWorkspaceMembers implements Endpoint<Void, Page<WorkspaceMember>> {

  @Override
  public Reply<Page<WorkspaceMember>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Workspace workspace = Workspaces.addressed(call);
    return Reply.ok(Page.of(new Workspaces(call.db()).members(workspace.id(), workspace.organizationId(), page), page, WorkspaceMember::userId));
  }
}

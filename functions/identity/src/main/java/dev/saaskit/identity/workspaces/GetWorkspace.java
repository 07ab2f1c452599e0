package dev.saaskit.identity.workspaces;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/workspaces/{id}} (member of its organization): the workspace. */
public final class GetWorkspace implements Endpoint<Void, Workspace> {

  @Override
  public Reply<Workspace> handle(Call<Void> call) {
    return Reply.ok(Workspaces.addressed(call));
  }
}

package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/organizations/{id}/workspaces} (member): the organization's workspaces. */
public final class ListWorkspaces implements Endpoint<Void, Page<Workspace>> {

  @Override
  public Reply<Page<Workspace>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Organization org = Organizations.addressed(call);
    return Reply.ok(Page.of(new Workspaces(call.db()).list(org.id(), page), page, Workspace::id));
  }
}

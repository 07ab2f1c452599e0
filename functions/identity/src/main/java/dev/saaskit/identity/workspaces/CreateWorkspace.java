package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/organizations/{id}/workspaces} (org_admin, super_admin): creates a workspace,
 * within the plan's workspace limit (402 beyond it).
 */
public final class CreateWorkspace implements Endpoint<CreateWorkspace.Request, Workspace> {

  public record Request(String name, String description) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("name", name)) {
        Workspaces.name(v, name);
      }
      Workspaces.description(v, description);
    }
  }

  @Override
  public Reply<Workspace> handle(Call<Request> call) {
    Organization org = Organizations.addressed(call);
    Limits.ensureRoom(call.db(), org.id(), Limits.Limit.WORKSPACES, 1);
    Workspace workspace = new Workspaces(call.db()).insert(Ids.newId(), org.id(), call.body().name(), call.body().description(), call.now());
    call.audit(org.id(), call.caller().userId(), IdentityAction.WORKSPACE_CREATED, "workspace", workspace.id(), Map.of("name", workspace.name()));
    return Reply.created(workspace).withHeader("location", "/api/v1/workspaces/" + workspace.id());
  }
}

package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code PUT /api/v1/workspaces/{id}} (org_admin): changes the fields sent and keeps the others;
 * an empty description removes it.
 */
public final class UpdateWorkspace implements Endpoint<UpdateWorkspace.Request, Workspace> {

  public record Request(String name, String description) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (name == null && description == null) {
        v.add("body", "must change at least one of name, description");
        return;
      }
      Workspaces.name(v, name);
      Workspaces.description(v, description);
    }
  }

  @Override
  public Reply<Workspace> handle(Call<Request> call) {
    Workspace before = Workspaces.addressed(call);
    Workspace after = new Workspaces(call.db())
        .update(before.id(), before.organizationId(), call.body().name(), call.body().description(), call.now());
    Map<String, Object> changed = new LinkedHashMap<>();
    if (!after.name().equals(before.name())) {
      changed.put("name", Map.of("from", before.name(), "to", after.name()));
    }
    if (!Objects.equals(after.description(), before.description())) {
      changed.put("description", "changed");
    }
    call.audit(before.organizationId(), call.caller().userId(), IdentityAction.WORKSPACE_UPDATED, "workspace", before.id(), changed);
    return Reply.ok(after);
  }
}

package dev.saaskit.identity.workspaces;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.members.Members;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/workspaces/{id}/members} (org_admin): puts a member of the organization into
 * the workspace with a role (admin, contributor, viewer): 201 when added, 200 when an existing
 * workspace member's role was set. A user who is not a member of the organization is not found.
 */
public final class AddWorkspaceMember implements Endpoint<AddWorkspaceMember.Request, WorkspaceMember> {

  public record Request(UUID userId, String role) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.required("user_id", userId);
      if (v.required("role", role)) {
        v.oneOf("role", role, Workspaces.ROLES);
      }
    }
  }

  @Override
  public Reply<WorkspaceMember> handle(Call<Request> call) {
    Workspace workspace = Workspaces.addressed(call);
    UUID org = workspace.organizationId();
    UUID user = call.body().userId();
    String role = call.body().role();
    if (new Members(call.db()).find(org, user).isEmpty()) {
      throw ApiException.notFound("member");
    }
    Workspaces workspaces = new Workspaces(call.db());
    if (workspaces.addMember(workspace.id(), org, user, role)) {
      call.audit(org, call.caller().userId(), IdentityAction.WORKSPACE_MEMBER_ADDED, "workspace", workspace.id(),
          Map.of("user_id", user.toString(), "role", role));
      return Reply.created(workspaces.member(workspace.id(), org, user).orElseThrow());
    }
    WorkspaceMember existing = workspaces.member(workspace.id(), org, user).orElseThrow();
    if (!existing.role().equals(role)) {
      workspaces.changeMemberRole(workspace.id(), org, user, role);
      call.audit(org, call.caller().userId(), IdentityAction.WORKSPACE_MEMBER_ROLE_CHANGED, "workspace", workspace.id(),
          Map.of("user_id", user.toString(), "from", existing.role(), "to", role));
    }
    return Reply.ok(workspaces.member(workspace.id(), org, user).orElseThrow());
  }
}

package dev.saaskit.tenancy;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/** The tenancy module's functions; {@code MAIN_CLASS} of the tenancy artifact. */
public final class TenancyFunctions extends DomainFunctions {

  public TenancyFunctions() {
    super("tenancy");
  }

  @Override
  protected void register(Functions f) {
    f.http(CreateOrganization.class, CreateOrganization.Request.class, CreateOrganization::new);
    f.http(ListOrganizations.class, Void.class, ListOrganizations::new);
    f.http(GetOrganization.class, Void.class, GetOrganization::new);
    f.http(UpdateOrganization.class, UpdateOrganization.Request.class, UpdateOrganization::new);
    f.http(DeleteOrganization.class, Void.class, DeleteOrganization::new);
    f.http(ListMembers.class, Void.class, ListMembers::new);
    f.http(ChangeMemberRole.class, ChangeMemberRole.Request.class, ChangeMemberRole::new);
    f.http(RemoveMember.class, Void.class, RemoveMember::new);
    f.http(CreateInvitation.class, CreateInvitation.Request.class, CreateInvitation::new);
    f.http(ListInvitations.class, Void.class, ListInvitations::new);
    f.http(RevokeInvitation.class, Void.class, RevokeInvitation::new);
    f.http(AcceptInvitation.class, AcceptInvitation.Request.class, () -> new AcceptInvitation(f.platform().sessions()));
    f.http(CreateWorkspace.class, CreateWorkspace.Request.class, CreateWorkspace::new);
    f.http(ListWorkspaces.class, Void.class, ListWorkspaces::new);
    f.http(GetWorkspace.class, Void.class, GetWorkspace::new);
    f.http(UpdateWorkspace.class, UpdateWorkspace.Request.class, UpdateWorkspace::new);
    f.http(DeleteWorkspace.class, Void.class, DeleteWorkspace::new);
    f.http(AddWorkspaceMember.class, AddWorkspaceMember.Request.class, AddWorkspaceMember::new);
    f.http(ListWorkspaceMembers.class, Void.class, ListWorkspaceMembers::new);
    f.http(RemoveWorkspaceMember.class, Void.class, RemoveWorkspaceMember::new);
    f.http(GetOrganizationLimits.class, Void.class, GetOrganizationLimits::new);
    f.schedule(PurgeOrganizations.class, PurgeOrganizations::new);
  }
}

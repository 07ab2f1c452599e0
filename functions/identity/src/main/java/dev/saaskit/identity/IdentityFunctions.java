package dev.saaskit.identity;

import dev.saaskit.identity.accounts.ChangePassword;
import dev.saaskit.identity.accounts.ConfirmPasswordReset;
import dev.saaskit.identity.accounts.GetMe;
import dev.saaskit.identity.accounts.Register;
import dev.saaskit.identity.accounts.RequestPasswordReset;
import dev.saaskit.identity.accounts.RevertEmailChange;
import dev.saaskit.identity.accounts.SeedSuperAdmin;
import dev.saaskit.identity.accounts.UpdateMe;
import dev.saaskit.identity.accounts.VerifyEmail;
import dev.saaskit.identity.invitations.AcceptInvitation;
import dev.saaskit.identity.invitations.CreateInvitation;
import dev.saaskit.identity.invitations.ListInvitations;
import dev.saaskit.identity.invitations.RevokeInvitation;
import dev.saaskit.identity.members.ChangeMemberRole;
import dev.saaskit.identity.members.DeleteUser;
import dev.saaskit.identity.members.GetUser;
import dev.saaskit.identity.members.ListMembers;
import dev.saaskit.identity.members.ListUsers;
import dev.saaskit.identity.members.RemoveMember;
import dev.saaskit.identity.members.SetSupportAgent;
import dev.saaskit.identity.members.UpdateUser;
import dev.saaskit.identity.organizations.CreateOrganization;
import dev.saaskit.identity.organizations.DeleteOrganization;
import dev.saaskit.identity.organizations.GetOrganization;
import dev.saaskit.identity.organizations.GetOrganizationLimits;
import dev.saaskit.identity.organizations.ListOrganizations;
import dev.saaskit.identity.organizations.PurgeOrganizations;
import dev.saaskit.identity.organizations.UpdateOrganization;
import dev.saaskit.identity.plans.ApplyPlanChange;
import dev.saaskit.identity.plans.PlanEntitlement;
import dev.saaskit.identity.sessions.Jwks;
import dev.saaskit.identity.sessions.ListSessions;
import dev.saaskit.identity.sessions.Login;
import dev.saaskit.identity.sessions.Logout;
import dev.saaskit.identity.sessions.PurgeSessions;
import dev.saaskit.identity.sessions.Refresh;
import dev.saaskit.identity.sessions.RevokeSession;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.identity.sessions.SigningKeys;
import dev.saaskit.identity.sessions.SwitchOrganization;
import dev.saaskit.identity.workspaces.AddWorkspaceMember;
import dev.saaskit.identity.workspaces.CreateWorkspace;
import dev.saaskit.identity.workspaces.DeleteWorkspace;
import dev.saaskit.identity.workspaces.GetWorkspace;
import dev.saaskit.identity.workspaces.ListWorkspaceMembers;
import dev.saaskit.identity.workspaces.ListWorkspaces;
import dev.saaskit.identity.workspaces.RemoveWorkspaceMember;
import dev.saaskit.identity.workspaces.UpdateWorkspace;
import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Lazy;

/**
 * The identity module's functions: accounts, sessions, organizations, members, invitations and
 * workspaces. The initializer of the identity artifact. The private signing keys and the sessions
 * that use them are read on a container's first sign-in, never by functions that only verify.
 */
public final class IdentityFunctions extends DomainFunctions {

  public IdentityFunctions() {
    super("identity");
  }

  @Override
  protected void register(Functions f) {
    Lazy<SigningKeys> keys = new Lazy<>(SigningKeys::fromSettings);
    Lazy<Sessions> sessions = new Lazy<>(() -> new Sessions(keys));

    f.http(Register.class, Register.Request.class, () -> new Register(sessions.get()));
    f.http(GetMe.class, Void.class, GetMe::new);
    f.http(UpdateMe.class, UpdateMe.Request.class, UpdateMe::new);
    f.http(ChangePassword.class, ChangePassword.Request.class, ChangePassword::new);
    f.http(RequestPasswordReset.class, RequestPasswordReset.Request.class, RequestPasswordReset::new);
    f.http(ConfirmPasswordReset.class, ConfirmPasswordReset.Request.class, ConfirmPasswordReset::new);
    f.http(VerifyEmail.class, VerifyEmail.Request.class, VerifyEmail::new);
    f.http(RevertEmailChange.class, RevertEmailChange.Request.class, RevertEmailChange::new);
    f.direct(SeedSuperAdmin.class, SeedSuperAdmin.Input.class, SeedSuperAdmin.Result.class, () -> new SeedSuperAdmin(f.platform()));

    f.http(Login.class, Login.Request.class, () -> new Login(sessions.get()));
    f.http(Refresh.class, Refresh.Request.class, () -> new Refresh(sessions.get()));
    f.http(Logout.class, Void.class, Logout::new);
    f.http(SwitchOrganization.class, SwitchOrganization.Request.class, () -> new SwitchOrganization(sessions.get()));
    f.http(ListSessions.class, Void.class, ListSessions::new);
    f.http(RevokeSession.class, Void.class, RevokeSession::new);
    f.http(Jwks.class, Void.class, () -> new Jwks(keys));
    f.schedule(PurgeSessions.class, PurgeSessions::new);

    f.http(CreateOrganization.class, CreateOrganization.Request.class, CreateOrganization::new);
    f.http(ListOrganizations.class, Void.class, ListOrganizations::new);
    f.http(GetOrganization.class, Void.class, GetOrganization::new);
    f.http(UpdateOrganization.class, UpdateOrganization.Request.class, UpdateOrganization::new);
    f.http(DeleteOrganization.class, Void.class, DeleteOrganization::new);
    f.http(GetOrganizationLimits.class, Void.class, GetOrganizationLimits::new);
    f.schedule(PurgeOrganizations.class, PurgeOrganizations::new);
    f.queue(ApplyPlanChange.class, PlanEntitlement.class, ApplyPlanChange::new);

    f.http(ListMembers.class, Void.class, ListMembers::new);
    f.http(ChangeMemberRole.class, ChangeMemberRole.Request.class, ChangeMemberRole::new);
    f.http(RemoveMember.class, Void.class, RemoveMember::new);
    f.http(ListUsers.class, Void.class, ListUsers::new);
    f.http(GetUser.class, Void.class, GetUser::new);
    f.http(UpdateUser.class, UpdateUser.Request.class, UpdateUser::new);
    f.http(DeleteUser.class, Void.class, DeleteUser::new);
    f.http(SetSupportAgent.class, SetSupportAgent.Request.class, SetSupportAgent::new);

    f.http(CreateInvitation.class, CreateInvitation.Request.class, CreateInvitation::new);
    f.http(ListInvitations.class, Void.class, ListInvitations::new);
    f.http(RevokeInvitation.class, Void.class, RevokeInvitation::new);
    f.http(AcceptInvitation.class, AcceptInvitation.Request.class, () -> new AcceptInvitation(sessions.get()));

    f.http(CreateWorkspace.class, CreateWorkspace.Request.class, CreateWorkspace::new);
    f.http(ListWorkspaces.class, Void.class, ListWorkspaces::new);
    f.http(GetWorkspace.class, Void.class, GetWorkspace::new);
    f.http(UpdateWorkspace.class, UpdateWorkspace.Request.class, UpdateWorkspace::new);
    f.http(DeleteWorkspace.class, Void.class, DeleteWorkspace::new);
    f.http(AddWorkspaceMember.class, AddWorkspaceMember.Request.class, AddWorkspaceMember::new);
    f.http(ListWorkspaceMembers.class, Void.class, ListWorkspaceMembers::new);
    f.http(RemoveWorkspaceMember.class, Void.class, RemoveWorkspaceMember::new);
  }
}

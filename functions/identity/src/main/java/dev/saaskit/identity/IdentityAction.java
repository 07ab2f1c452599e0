package dev.saaskit.identity;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for identity: every change identity records, by resource. */
public enum IdentityAction implements AuditAction {
  INVITATION_ACCEPTED("invitation.accepted"),
  INVITATION_CREATED("invitation.created"),
  INVITATION_REVOKED("invitation.revoked"),
  MEMBER_REACTIVATED("member.reactivated"),
  MEMBER_REMOVED("member.removed"),
  MEMBER_ROLE_CHANGED("member.role_changed"),
  MEMBER_SUSPENDED("member.suspended"),
  ORGANIZATION_CREATED("organization.created"),
  ORGANIZATION_DELETED("organization.deleted"),
  ORGANIZATION_PURGED("organization.purged"),
  ORGANIZATION_UPDATED("organization.updated"),
  SESSION_REFRESH_TOKEN_REUSED("session.refresh_token_reused"),
  SESSION_REVOKED("session.revoked"),
  USER_CREATED("user.created"),
  USER_DELETED("user.deleted"),
  USER_EMAIL_CHANGE_REVERTED("user.email_change_reverted"),
  USER_EMAIL_VERIFIED("user.email_verified"),
  USER_LOGIN("user.login"),
  USER_LOGIN_FAILED("user.login_failed"),
  USER_LOGOUT("user.logout"),
  USER_ORGANIZATION_SWITCHED("user.organization_switched"),
  USER_PASSWORD_CHANGED("user.password_changed"),
  USER_PASSWORD_RESET("user.password_reset"),
  USER_PASSWORD_RESET_REQUESTED("user.password_reset_requested"),
  USER_REGISTERED("user.registered"),
  USER_SUPER_ADMIN_SEEDED("user.super_admin_seeded"),
  USER_SUPPORT_AGENT_GRANTED("user.support_agent_granted"),
  USER_SUPPORT_AGENT_WITHDRAWN("user.support_agent_withdrawn"),
  USER_UPDATED("user.updated"),
  WORKSPACE_CREATED("workspace.created"),
  WORKSPACE_DELETED("workspace.deleted"),
  WORKSPACE_UPDATED("workspace.updated"),
  WORKSPACE_MEMBER_ADDED("workspace_member.added"),
  WORKSPACE_MEMBER_REMOVED("workspace_member.removed"),
  WORKSPACE_MEMBER_ROLE_CHANGED("workspace_member.role_changed");

  private final String code;

  IdentityAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}

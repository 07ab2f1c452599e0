package dev.saaskit.identity.members;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one rule for changing or ending a membership, whichever route asks: the organization's
 * members routes ({@code /api/v1/organizations/{id}/members/{user_id}}) or the user administration
 * ({@code /api/v1/users/{id}}). Nobody changes their own role or active flag (403 {@code
 * own_membership}); an organization never loses its last active org_admin (409 {@code last_admin}); suspending or removing a member ends their sessions in the organization; the audit
 * trail says {@code member.role_changed}, {@code member.suspended}, {@code member.reactivated} or
 * {@code member.removed} either way.
 */
final class MembershipChanges {

  private MembershipChanges() {}

  /** Sets the member's role and active flag (null: unchanged); returns the member as now stored. */
  static Member change(Call<?> call, UUID org, UUID user, Role newRole, Boolean newActive) {
    if (user.equals(call.caller().userId())) {
      throw new ApiException(ProblemType.FORBIDDEN, "nobody changes their own role or active flag; ask another org_admin")
          .code(IdentityProblem.OWN_MEMBERSHIP);
    }
    Members members = new Members(call.db());
    int otherAdmins = lockOtherAdmins(call, org, user);
    Member member = members.find(org, user).orElseThrow(() -> ApiException.notFound("member"));
    Role role = newRole == null ? member.role() : newRole;
    boolean active = newActive == null ? member.active() : newActive;
    if (role == member.role() && active == member.active()) {
      return member;
    }
    boolean wasAdmin = member.role() == Role.ORG_ADMIN && member.active();
    if (wasAdmin && !(role == Role.ORG_ADMIN && active) && otherAdmins == 0) {
      throw lastAdmin(role != Role.ORG_ADMIN ? "demoted" : "suspended");
    }
    members.update(org, user, role, active);
    if (role != member.role()) {
      call.audit(org, call.caller().userId(), IdentityAction.MEMBER_ROLE_CHANGED, "user", user, Map.of("from", member.role().code(), "to", role.code()));
    }
    if (active != member.active()) {
      int ended = active ? 0 : Sessions.revokeInOrganization(call.db(), user, org, "suspended", call.now());
      call.audit(org, call.caller().userId(), active ? IdentityAction.MEMBER_REACTIVATED : IdentityAction.MEMBER_SUSPENDED, "user", user, Map.of("sessions_ended", ended));
    }
    return members.find(org, user).orElseThrow();
  }

  /** Removes the member from the organization and its workspaces; the account stays. */
  static void remove(Call<?> call, UUID org, UUID user) {
    Members members = new Members(call.db());
    int otherAdmins = lockOtherAdmins(call, org, user);
    Member member = members.find(org, user).orElseThrow(() -> ApiException.notFound("member"));
    if (member.role() == Role.ORG_ADMIN && member.active() && otherAdmins == 0) {
      throw lastAdmin("removed");
    }
    members.remove(org, user);
    int ended = Sessions.revokeInOrganization(call.db(), user, org, "removed_from_organization", call.now());
    call.audit(org, call.caller().userId(), IdentityAction.MEMBER_REMOVED, "user", user,
        Map.of("email", member.email(), "role", member.role().code(), "sessions_ended", ended));
  }

  /**
   * Ends every membership of an account a super_admin deletes, so the account counts as nobody's
   * org_admin any more. A super_admin's deletion overrides the last-admin rule; the organizations it
   * leaves without an active org_admin are returned, for the audit trail and the answer.
   */
  static List<UUID> removeEverywhere(Call<?> call, UUID user) {
    List<UUID> adminOf = call.db().createQuery(
            "select organization_id from organization_members where user_id = :user and role = 'org_admin' and active")
        .bind("user", user)
        .mapTo(UUID.class)
        .list();
    List<UUID> leftWithoutAdmin = adminOf.stream().filter(org -> lockOtherAdmins(call, org, user) == 0).toList();
    call.db().createUpdate("delete from organization_members where user_id = :user").bind("user", user).execute();
    return leftWithoutAdmin;
  }

  /**
   * Locks the organization's active org_admin memberships until the transaction ends and counts
   * those other than {@code user}'s, before the member is read: two admins demoting or removing
   * each other at once cannot leave the organization without one.
   */
  private static int lockOtherAdmins(Call<?> call, UUID org, UUID user) {
    List<UUID> admins = call.db().createQuery(
            """
            select m.user_id from organization_members m join users u on u.id = m.user_id
             where m.organization_id = :org and m.role = 'org_admin' and m.active and u.active and u.deleted_at is null
             for update of m
            """)
        .bind("org", org)
        .mapTo(UUID.class)
        .list();
    return (int) admins.stream().filter(id -> !id.equals(user)).count();
  }

  private static ApiException lastAdmin(String how) {
    return new ApiException(ProblemType.CONFLICT, "the last org_admin of the organization cannot be " + how + "; make another member org_admin first")
        .code(IdentityProblem.LAST_ADMIN);
  }
}

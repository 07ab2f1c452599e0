package dev.saaskit.shared.http;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.AccessProblem;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.sql.Array;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A write on a route with a role rule is allowed by the roles the caller holds now, not by those
 * its access token recorded up to 15 minutes ago: a demoted or suspended admin's old token cannot
 * change anything, let alone give its power back. One statement in the request's own transaction,
 * on writes only; reads keep trusting the token until it expires (the README says so). The handler
 * then sees the caller with its current roles.
 */
final class CurrentRoles {

  private static final String ROLES =
      """
      select case when m.active then m.role end as org_role, u.platform_roles
        from users u
        left join organization_members m on m.user_id = u.id and m.organization_id = :org
       where u.id = :user and u.active and u.deleted_at is null
      """;

  private CurrentRoles() {}

  /** True for what this check covers: a signed-in user writing on a route that names roles. */
  static boolean applies(Access access, Caller caller, String method) {
    return !access.roles().isEmpty() && caller.kind() == Caller.Kind.USER && !"GET".equals(method);
  }

  /** The caller with its current roles, or 403 {@code role_changed} when they no longer pass the rule. */
  static Caller check(Access access, Caller caller, Handle db) {
    Optional<Caller> current = db.createQuery(ROLES)
        .bind("org", caller.organizationId())
        .bind("user", caller.userId())
        .map(rs -> new Caller(Caller.Kind.USER, caller.userId(), caller.organizationId(),
            Role.fromCode(rs.getString("org_role")).orElse(null), platformRoles(rs.getArray("platform_roles")),
            caller.sessionId(), null, Set.of()))
        .findOne();
    if (current.isEmpty() || access.roles().stream().noneMatch(current.get()::has)) {
      throw new ApiException(ProblemType.FORBIDDEN,
          "the role this access token carries has changed or the membership was suspended; refresh the token or sign in again")
          .code(AccessProblem.ROLE_CHANGED);
    }
    return current.get();
  }

  private static Set<Role> platformRoles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (array != null) {
      for (Object code : (Object[]) array.getArray()) {
        Role.fromCode((String) code).filter(Role::isPlatformRole).ifPresent(roles::add);
      }
    }
    return roles;
  }
}

package dev.saaskit.auth;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The catalog-walking security checks on every auth route: 401 without credentials or with an API
 * key, 403 below the route's role, and 404 for organization B's admin calling with organization A's
 * user or session ids, leaving everything of A as it was.
 */
class RouteSecurityTest {

  static final String MODULE = "auth";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_the_rule_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_users_and_sessions_are_not_found_and_its_data_is_untouched() {
    Map<String, IsolationCase> cases = Map.of(
        "get-user", of(a -> user(a, null)),
        "update-user", of(a -> user(a, "{\"role\": \"billing_admin\", \"active\": false}")),
        "delete-user", of(a -> user(a, null)),
        // A session of A's admin: revoking a session is its owner's right, so A's own admin reaches it.
        "revoke-session", of(a -> new IsolationCase.Target(Map.of("id", session(a, a.member(Role.ORG_ADMIN)).toString()), null)));

    // Every auth route with an id in its path has a case; the others act on the caller's own account.
    RouteSecurity.assertTenantIsolation(MODULE, cases, Map.of());
  }

  private static IsolationCase of(Function<Tenant, IsolationCase.Target> prepare) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return prepare.apply(a);
      }

      @Override
      public Object snapshot(Tenant a) {
        return RouteSecurityTest.snapshot(a);
      }
    };
  }

  private static IsolationCase.Target user(Tenant a, String body) {
    return new IsolationCase.Target(Map.of("id", a.member(Role.USER).toString()), body);
  }

  /** A live session of {@code user} scoped to the tenant. */
  private static UUID session(Tenant a, UUID user) {
    UUID id = Ids.newId();
    Accounts.sql("insert into sessions (id, user_id, organization_id, created_at, last_used_at, expires_at)"
        + " values (?, ?, ?, now(), now(), now() + interval '30 days')", id, user, a.organizationId());
    return id;
  }

  /**
   * What auth keeps of organization A: its members' accounts and memberships, the sessions scoped
   * to it, and its audit trail. Equal snapshots mean nothing of it changed.
   */
  private static List<Object> snapshot(Tenant a) {
    UUID org = a.organizationId();
    return TestDatabase.get().jdbi().withHandle(h -> List.of(
        h.createQuery("""
                select u.id, u.email, u.full_name, u.active, u.platform_roles::text, u.updated_at, u.deleted_at, m.role, m.active as member_active
                  from organization_members m join users u on u.id = m.user_id
                 where m.organization_id = ? order by u.id
                """).bind(0, org).mapToMap().list(),
        h.createQuery("select id, revoked_at from sessions where organization_id = ? order by id").bind(0, org).mapToMap().list(),
        h.createQuery("select count(*) from audit_logs where organization_id = ?").bind(0, org).mapTo(Integer.class).one()));
  }
}

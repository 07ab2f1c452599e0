package dev.saaskit.identity;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The catalog-walking security checks on every identity route: 401 without credentials or with an
 * API key where none is taken, 403 for every role below the route's rule, and 404 for organization
 * B's admin (or B's API key) calling with organization A's ids, leaving everything of A as it was.
 */
class RouteSecurityTest {

  static final String MODULE = "identity";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_the_rule_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_ids_are_not_found_and_its_data_is_untouched() {
    Map<String, IsolationCase> cases = new HashMap<>();
    cases.put("get-organization", of(a -> organization(a, null)));
    cases.put("update-organization", of(a -> organization(a, "{\"name\": \"renamed by another organization\"}")));
    cases.put("list-members", of(a -> organization(a, null)));
    cases.put("change-member-role", of(a -> member(a, "{\"role\": \"org_admin\"}")));
    cases.put("remove-member", of(a -> member(a, null)));
    cases.put("create-invitation", of(a -> organization(a, "{\"email\": \"newcomer@example.test\", \"role\": \"user\"}")));
    cases.put("list-invitations", of(a -> organization(a, null)));
    cases.put("revoke-invitation", of(a -> {
      String token = Fixtures.invitation(a, "invitee-" + UUID.randomUUID() + "@example.test", Role.USER, Instant.now().plusSeconds(3600));
      return target(Map.of("id", a.organizationId().toString(), "inv_id", Fixtures.invitationId(token).toString()), null);
    }));
    cases.put("create-workspace", of(a -> organization(a, "{\"name\": \"made by another organization\"}")));
    cases.put("list-workspaces", of(a -> organization(a, null)));
    cases.put("get-organization-limits", of(a -> organization(a, null)));
    cases.put("get-workspace", of(a -> workspace(a, null)));
    cases.put("update-workspace", of(a -> workspace(a, "{\"name\": \"renamed by another organization\"}")));
    cases.put("delete-workspace", of(a -> workspace(a, null)));
    cases.put("list-workspace-members", of(a -> workspace(a, null)));
    cases.put("add-workspace-member", of(a -> {
      UUID workspace = Fixtures.workspace(a, "A's workspace");
      return target(Map.of("id", workspace.toString()), "{\"user_id\": \"" + a.member(Role.USER) + "\", \"role\": \"viewer\"}");
    }));
    cases.put("remove-workspace-member", of(a -> {
      UUID workspace = Fixtures.workspace(a, "A's workspace");
      Fixtures.workspaceMember(a, workspace, a.member(Role.USER), "viewer");
      return target(Map.of("id", workspace.toString(), "user_id", a.member(Role.USER).toString()), null);
    }));

    Map<String, String> exempt = Map.of(
        "delete-organization", "super_admin only: an organization's admin is refused with 403 before the id is read (roles test)",
        "set-support-agent", "super_admin only, over accounts of every organization: an organization's admin is refused with 403 (roles test)");

    cases.put("get-user", of(a -> user(a, null)));
    cases.put("update-user", of(a -> user(a, "{\"role\": \"billing_admin\", \"active\": false}")));
    cases.put("delete-user", of(a -> user(a, null)));
    // A session of A's admin: revoking a session is its owner's right, so A's own admin reaches it.
    cases.put("revoke-session", of(a -> target(Map.of("id", session(a, a.member(Role.ORG_ADMIN)).toString()), null)));

    RouteSecurity.assertTenantIsolation(MODULE, cases, exempt);
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

  private static IsolationCase.Target target(Map<String, String> parameters, String body) {
    return new IsolationCase.Target(parameters, body);
  }

  private static IsolationCase.Target organization(Tenant a, String body) {
    return target(Map.of("id", a.organizationId().toString()), body);
  }

  private static IsolationCase.Target member(Tenant a, String body) {
    return target(Map.of("id", a.organizationId().toString(), "user_id", a.member(Role.USER).toString()), body);
  }

  private static IsolationCase.Target workspace(Tenant a, String body) {
    return target(Map.of("id", Fixtures.workspace(a, "A's workspace").toString()), body);
  }

  private static IsolationCase.Target user(Tenant a, String body) {
    return target(Map.of("id", a.member(Role.USER).toString()), body);
  }

  /** A live session of {@code user} scoped to the tenant. */
  private static UUID session(Tenant a, UUID user) {
    UUID id = Ids.newId();
    TestUsers.sql("insert into sessions (id, user_id, organization_id, created_at, last_used_at, expires_at)"
        + " values (?, ?, ?, now(), now(), now() + interval '30 days')", id, user, a.organizationId());
    return id;
  }

  /**
   * What identity keeps of organization A: the organization, its members' accounts and
   * memberships, its invitations, workspaces and their members, the sessions scoped to it, and its
   * audit trail. Equal snapshots mean nothing of it changed.
   */
  private static List<Object> snapshot(Tenant a) {
    UUID org = a.organizationId();
    return TestDatabase.get().jdbi().withHandle(h -> List.of(
        Fixtures.snapshot(a),
        h.createQuery("""
                select u.id, u.email, u.full_name, u.active, u.platform_roles::text, u.updated_at, u.deleted_at, m.role, m.active as member_active
                  from organization_members m join users u on u.id = m.user_id
                 where m.organization_id = ? order by u.id
                """).bind(0, org).mapToMap().list(),
        h.createQuery("select id, revoked_at from sessions where organization_id = ? order by id").bind(0, org).mapToMap().list()));
  }
}

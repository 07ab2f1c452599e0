package dev.saaskit.tenancy;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The catalog-walking security checks on every tenancy route: 401 without credentials, 403 below
 * the route's role, and 404 for organization B's admin calling with organization A's ids, leaving
 * everything of A as it was.
 */
class RouteSecurityTest {

  static final String MODULE = "tenancy";

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
        "delete-organization", "super_admin only: an organization's admin is refused with 403 before the id is read (roles test)");

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
        return Fixtures.snapshot(a);
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
}

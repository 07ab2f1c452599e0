package dev.saaskit.testkit;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks, on the test domain. */
class RouteSecurityTest {

  static final String MODULE = "testdomain";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_the_rule_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_ids_are_not_found() {
    IsolationCase thing = new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        String id = Api.post("/things").bearer(a.token(Role.USER)).json("{\"name\": \"a's thing\"}").send().json().path("id").asString();
        return new Target(Map.of("id", id), null);
      }

      @Override
      public Object snapshot(Tenant a) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                "select action, resource_id, details::text from audit_logs where organization_id = :org order by id")
            .bind("org", a.organizationId()).mapToMap().list());
      }
    };
    RouteSecurity.assertTenantIsolation(MODULE, Map.of("get-thing", thing), Map.of());
  }

  @Test
  void a_route_addressing_a_resource_without_a_case_is_reported() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteSecurity.assertTenantIsolation(MODULE, Map.of(), Map.of()))
        .hasMessageContaining("get-thing: addresses a resource by id but has no isolation case");
  }

}

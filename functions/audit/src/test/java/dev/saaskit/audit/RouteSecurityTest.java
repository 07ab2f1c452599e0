package dev.saaskit.audit;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks on every audit route. */
class RouteSecurityTest {

  static final String MODULE = "audit";

  @BeforeAll
  static void storage() {
    Audit.tenant();
  }

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_each_rule_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_exports_are_not_found() {
    RouteSecurity.assertTenantIsolation(MODULE, Map.of("get-audit-export", new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        String id = Audit.export(a.token(dev.saaskit.shared.identity.Role.ORG_ADMIN), Map.of("format", "csv")).json().path("id").asString();
        return new Target(Map.of("id", id), null);
      }

      @Override
      public Object snapshot(Tenant a) {
        return Audit.one("select string_agg(id || status, ',' order by id) from audit_exports where organization_id = ?", String.class,
            a.organizationId());
      }
    }, "get-data-export", new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        String id = Api.post("/api/v1/exports").bearer(a.token(dev.saaskit.shared.identity.Role.ORG_ADMIN)).send().json().path("id").asString();
        return new Target(Map.of("id", id), null);
      }

      @Override
      public Object snapshot(Tenant a) {
        return Audit.one("select string_agg(id || status, ',' order by id) from data_exports where organization_id = ?", String.class,
            a.organizationId());
      }
    }), Map.of());
  }
}

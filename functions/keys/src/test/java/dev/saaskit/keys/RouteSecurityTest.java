package dev.saaskit.keys;

import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks on every keys route. */
class RouteSecurityTest {

  static final String MODULE = "keys";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_org_admin_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_keys_are_not_found_and_stay_as_they_were() {
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-key", aKey(null),
        "update-key", aKey("{\"name\": \"taken over\", \"scopes\": [\"keys:write\"], \"rate_limit\": {\"requests\": 1, \"per_seconds\": 1}, \"enabled\": false}"),
        "revoke-key", aKey(null),
        "reroll-key", aKey("{\"grace_period_seconds\": 0}"),
        "get-key-usage", aKey(null)), Map.of());
  }

  /** Organization A's key, addressed by its id, with this body; A's keys, secrets and audit trail as the snapshot. */
  static IsolationCase aKey(String body) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return new Target(Map.of("id", Keys.withScopes(a, "keys:read").id().toString()), body);
      }

      @Override
      public Object snapshot(Tenant a) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                """
                select k.*, encode(s.secret_hash, 'hex') as secret_hash, s.expires_at as secret_expires_at,
                       (select count(*) from audit_logs l where l.organization_id = k.organization_id) as audit_entries
                  from api_keys k left join api_key_secrets s on s.key_id = k.id
                 where k.organization_id = :org order by k.id, s.secret_hash
                """)
            .bind("org", a.organizationId()).mapToMap().list().toString());
      }
    };
  }
}

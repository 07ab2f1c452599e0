package dev.saaskit.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog-walking security checks on every billing route, and what a billing_admin may do. */
class RouteSecurityTest {

  static final String MODULE = "billing";

  @Test
  void every_guarded_route_needs_credentials() {
    Billing.tenant();
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void users_and_support_agents_are_refused_and_a_demoted_admin_changes_nothing() {
    Billing.tenant();
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_subscriptions_and_invoices_are_not_found_and_stay_as_they_were() {
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-subscription", subscription(null),
        "cancel-subscription", subscription("{\"at_period_end\": false, \"reason\": \"taken over\"}"),
        "change-subscription-plan", subscription("{\"plan\": \"enterprise\"}"),
        "get-invoice", invoice()), Map.of());
  }

  @Test
  void a_billing_admin_does_billing_and_nothing_else() {
    List<FunctionSpec> guarded = Catalog.bundled().functions().stream()
        .filter(f -> f.http() != null && f.access().mode() == Access.Mode.SIGNED_IN && !f.access().roles().isEmpty())
        .toList();
    // Besides billing, a billing_admin reaches only what every member does (such as reading the theme).
    assertThat(guarded).filteredOn(f -> f.access().roles().contains(Role.BILLING_ADMIN) && !f.access().roles().contains(Role.USER))
        .extracting(FunctionSpec::module).containsOnly(MODULE);
    assertThat(guarded).filteredOn(f -> f.module().equals(MODULE))
        .allSatisfy(f -> assertThat(f.access().roles()).as(f.name()).contains(Role.BILLING_ADMIN, Role.ORG_ADMIN));

    Tenant tenant = Billing.tenant();
    String token = tenant.token(Role.BILLING_ADMIN);
    ApiResponse created = Api.post("/api/v1/billing/subscriptions").bearer(token).json(Map.of("plan", "pro", "currency", "usd")).send();
    assertThat(created.status()).isEqualTo(201);
    for (String path : List.of("/api/v1/billing/plans", "/api/v1/billing/subscriptions", "/api/v1/billing/invoices", "/api/v1/billing/payments",
        "/api/v1/billing/subscriptions/" + created.json().path("subscription").path("id").asString())) {
      assertThat(Api.get(path).bearer(token).send().status()).as(path).isEqualTo(200);
    }
  }

  /** Organization A's subscription, addressed by its id, with this body; A's subscriptions at Stripe and here as the snapshot. */
  static IsolationCase subscription(String body) {
    return isolation(a -> Billing.subscribed(a, "pro").path("id").asString(), body);
  }

  static IsolationCase invoice() {
    return isolation(a -> {
      Billing.subscribed(a, "pro");
      Billing.applyEvents();
      return Api.get("/api/v1/billing/invoices").bearer(a.token(Role.ORG_ADMIN)).send().json().path("data").get(0).path("id").asString();
    }, null);
  }

  static IsolationCase isolation(Function<Tenant, String> make, String body) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return new Target(Map.of("id", make.apply(a)), body);
      }

      @Override
      public Object snapshot(Tenant a) {
        List<Map<String, Object>> rows = Billing.rows(
            """
            select s.*, (select count(*) from audit_logs l where l.organization_id = s.organization_id) as audit_entries
              from billing_subscriptions s where s.organization_id = ? order by s.id
            """, a.organizationId());
        List<JsonNode> atStripe = rows.stream().map(r -> TestStripe.get().subscription((String) r.get("stripe_subscription_id"))).toList();
        return rows + " " + atStripe;
      }
    };
  }
}

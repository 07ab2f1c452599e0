package dev.saaskit.identity.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApplyPlanChangeTest {

  final Tenant tenant = Tenant.create();

  String message(String plan, long version) {
    return Json.write(Map.of("type", "plan_entitlement", "organization_id", tenant.organizationId(), "plan", plan, "version", version,
        "subscription_status", "active"));
  }

  JsonNode deliver(String... messages) {
    return Json.tree(Lambda.invoke("apply-plan-change", Events.sqs("arn:aws:sqs:us-east-1:000000000000:plan-changes", List.of(messages), 1).toString()));
  }

  String plan() {
    return Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(tenant.token(Role.USER)).send().json().path("plan").asString();
  }

  @Nested
  class Applied {
    @Test
    void the_plan_billing_entitles_the_organization_to_shows_in_its_limits() {
      JsonNode out = deliver(message("pro", 1));

      assertThat(out.path("batchItemFailures")).isEmpty();
      assertThat(plan()).isEqualTo("pro");
    }

    @Test
    void in_billings_order_whatever_order_the_messages_arrive_in_and_repeated_ones_change_nothing() {
      deliver(message("pro", 1), message("free", 3), message("enterprise", 2), message("pro", 1));

      assertThat(plan()).isEqualTo("free");
      deliver(message("enterprise", 2));
      assertThat(plan()).isEqualTo("free");
      deliver(message("pro", 4));
      assertThat(plan()).isEqualTo("pro");
    }
  }

  @Nested
  class Dropped {
    @Test
    void a_plan_identity_does_not_know_and_a_deleted_organization() {
      JsonNode out = deliver(message("platinum", 1));
      assertThat(out.path("batchItemFailures")).isEmpty();
      assertThat(plan()).isEqualTo("free");

      TestDatabase.get().jdbi().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));
      deliver(message("pro", 2));
      String stored = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select plan from organizations where id = ?")
          .bind(0, tenant.organizationId()).mapTo(String.class).one());
      assertThat(stored).isEqualTo("free");
    }
  }
}

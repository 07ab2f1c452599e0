package dev.saaskit.identity.workspaces;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreateWorkspaceTest {

  final Tenant tenant = Tenant.create();

  Api.Request create(Object body) {
    return Api.post("/api/v1/organizations/" + tenant.organizationId() + "/workspaces").bearer(tenant.token(Role.ORG_ADMIN)).json(body);
  }

  int workspaces() {
    return Fixtures.count("select count(*) from workspaces where organization_id = ?", tenant.organizationId());
  }

  @Nested
  class Created {
    @Test
    void with_name_description_and_an_audit_entry() {
      ApiResponse r = create(Map.of("name", "Design", "description", "Everything visual.\nAnd more.")).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("name").asString()).isEqualTo("Design");
      assertThat(r.json().path("description").asString()).isEqualTo("Everything visual.\nAnd more.");
      assertThat(r.json().path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      String id = r.json().path("id").asString();
      assertThat(r.header("location")).isEqualTo("/api/v1/workspaces/" + id);
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace.created")).hasSize(1);
    }

    @Test
    void without_a_description() {
      ApiResponse r = create(Map.of("name", "Plain")).send();
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("description").isNull()).isTrue();
    }
  }

  @Nested
  class PaymentRequired {
    @Test
    void beyond_the_plans_workspaces_naming_limit_value_and_usage() {
      for (int i = 0; i < 3; i++) {
        assertThat(create(Map.of("name", "W" + i)).send().status()).isEqualTo(201);
      }

      ApiResponse r = create(Map.of("name", "One too many")).send();

      assertProblem(r, 402, "limit_exceeded");
      assertThat(r.json().path("limit").asString()).isEqualTo("workspaces");
      assertThat(r.json().path("value").asLong()).isEqualTo(3);
      assertThat(r.json().path("current").asLong()).isEqualTo(3);
      assertThat(workspaces()).isEqualTo(3);
    }

    @Test
    void two_requests_at_once_for_the_last_workspace_get_it_once() {
      Fixtures.workspace(tenant, "First");
      Fixtures.workspace(tenant, "Second");
      var one = Lambda.coldStart("create-workspace");
      var two = Lambda.coldStart("create-workspace");

      var a = CompletableFuture.supplyAsync(() -> create(Map.of("name", "Third A")).sendTo(one));
      var b = CompletableFuture.supplyAsync(() -> create(Map.of("name", "Third B")).sendTo(two));

      assertThat(List.of(a.join().status(), b.join().status())).containsExactlyInAnyOrder(201, 402);
      assertThat(workspaces()).isEqualTo(3);
    }

    @Test
    void an_operator_raising_the_limit_in_the_plans_table_takes_effect_at_once() {
      Fixtures.setPlan(tenant, "pro");
      Fixtures.workspace(tenant, "First");

      assertThat(create(Map.of("name", "Second")).send().status()).isEqualTo(201);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void names_and_descriptions_that_break_the_rules() {
      assertProblem(create(Map.of()).send(), 400, "validation_failed");
      assertProblem(create(Map.of("name", "")).send(), 400, "validation_failed");
      assertProblem(create(Map.of("name", "x".repeat(101))).send(), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Ok", "description", "bell\u0007")).send(), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Ok", "description", "x".repeat(2001))).send(), 400, "validation_failed");
      assertThat(workspaces()).isZero();
    }
  }

  @Nested
  class NotFound {
    @Test
    void in_an_organization_that_is_not_the_callers() {
      assertProblem(Api.post("/api/v1/organizations/" + UUID.randomUUID() + "/workspaces").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("name", "Elsewhere")).send(), 404, "not_found");
    }
  }
}

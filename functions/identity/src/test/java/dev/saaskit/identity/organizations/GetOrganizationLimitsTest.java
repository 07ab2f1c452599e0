package dev.saaskit.identity.organizations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestApiKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetOrganizationLimitsTest {

  final Tenant tenant = Tenant.create();

  JsonNode limits() {
    ApiResponse r = Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(tenant.token(Role.USER)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Nested
  class Ok {
    @Test
    void the_plan_its_limits_and_the_usage_counted_today() {
      Fixtures.workspace(tenant, "One");

      JsonNode r = limits();

      assertThat(r.path("plan").asString()).isEqualTo("free");
      JsonNode limits = r.path("limits");
      List<String> codes = new ArrayList<>(limits.propertyNames());
      assertThat(codes).containsExactly("members", "workspaces", "api_keys", "storage_bytes", "api_requests_per_month",
          "concurrent_job_steps");
      assertThat(limits.path("members").path("value").asLong()).isEqualTo(5);
      assertThat(limits.path("members").path("current").asLong()).isEqualTo(3);
      assertThat(limits.path("workspaces").path("value").asLong()).isEqualTo(3);
      assertThat(limits.path("workspaces").path("current").asLong()).isEqualTo(1);
      assertThat(limits.path("api_keys").path("current").asLong()).isZero();
      assertThat(limits.path("storage_bytes").path("value").asLong()).isEqualTo(1L << 30);
    }

    @Test
    void an_api_key_with_organizations_read_reads_them_and_its_request_is_counted() {
      TestApiKey key = tenant.apiKey("organizations:read");

      ApiResponse r = Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(key.secret()).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("plan").asString()).isEqualTo("free");
      assertThat(r.json().path("limits").path("api_requests_per_month").path("current").asLong()).isEqualTo(1);
      assertThat(r.header("ratelimit-remaining")).isEqualTo("999");
    }

    @Test
    void unlimited_is_null() {
      Fixtures.setPlan(tenant, "enterprise");

      JsonNode limits = limits().path("limits");

      assertThat(limits.path("members").path("value").isNull()).isTrue();
      assertThat(limits.path("members").path("current").asLong()).isEqualTo(3);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void an_api_key_without_organizations_read() {
      TestApiKey key = tenant.apiKey("keys:read");

      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(key.secret()).send(),
          403, "insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_limits() {
      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(Tenant.create().token(Role.USER)).send(),
          404, "not_found");
    }

    @Test
    void another_organizations_limits_with_an_api_key() {
      TestApiKey key = Tenant.create().apiKey("organizations:read");

      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId() + "/limits").bearer(key.secret()).send(),
          404, "not_found");
    }
  }
}

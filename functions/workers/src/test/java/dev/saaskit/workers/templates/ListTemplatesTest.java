package dev.saaskit.workers.templates;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.transform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.workers.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListTemplatesTest {

  final Tenant tenant = Workers.tenant();

  @Nested
  class Ok {
    @Test
    void the_organizations_templates_page_by_page_without_deleted_ones_or_other_organizations() {
      for (int i = 0; i < 3; i++) {
        Workers.template(tenant, definition("listed-" + i, List.of(transform("a", Map.of()))));
      }
      Workers.template(Workers.tenant(), definition("elsewhere", List.of(transform("a", Map.of()))));
      JsonNode deleted = Workers.template(tenant, definition("deleted", List.of(transform("a", Map.of()))));
      Api.delete("/api/v1/workers/templates/" + deleted.path("id").asString()).bearer(tenant.token(Role.ORG_ADMIN)).send();

      List<String> names = new ArrayList<>();
      String cursor = null;
      do {
        ApiResponse r = Api.get("/api/v1/workers/templates?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
            .bearer(tenant.token(Role.USER)).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        r.json().path("data").forEach(t -> names.add(t.path("name").asString()));
        cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asString();
      } while (cursor != null);

      assertThat(names).containsExactly("listed-0", "listed-1", "listed-2");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_limit_or_cursor_that_is_not_valid() {
      assertThat(Api.get("/api/v1/workers/templates?limit=0").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
      assertThat(Api.get("/api/v1/workers/templates?cursor=nope").bearer(tenant.token(Role.USER)).send().status()).isEqualTo(400);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_jobs_read() {
      assertThat(Api.get("/api/v1/workers/templates").bearer(tenant.apiKey("keys:read").secret()).send().status()).isEqualTo(403);
      assertThat(Api.get("/api/v1/workers/templates").send().status()).isEqualTo(401);
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void a_key_past_its_rate_limit() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 1, 60, "jobs:read");
      assertThat(Api.get("/api/v1/workers/templates").bearer(key.secret()).send().status()).isEqualTo(200);

      ApiResponse r = Api.get("/api/v1/workers/templates").bearer(key.secret()).send();

      assertThat(r.status()).isEqualTo(429);
      assertThat(r.problem()).isEqualTo("rate_limited");
      assertThat(r.header("retry-after")).isNotNull();
    }
  }
}

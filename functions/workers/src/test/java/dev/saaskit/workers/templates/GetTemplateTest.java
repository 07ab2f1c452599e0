package dev.saaskit.workers.templates;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.transform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.Workers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetTemplateTest {

  final Tenant tenant = Workers.tenant();

  UUID twoVersions() {
    UUID id = Workers.id(Workers.template(tenant, definition("read-me", List.of(transform("a", Map.of("v", 1))))));
    Api.put("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN))
        .json(definition("read-me", List.of(transform("a", Map.of("v", 2)), transform("b", Map.of(), "a")))).send();
    return id;
  }

  @Nested
  class Ok {
    @Test
    void the_current_version_by_token_and_an_earlier_one_by_key() {
      UUID id = twoVersions();

      ApiResponse current = Api.get("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.USER)).send();
      ApiResponse first = Api.get("/api/v1/workers/templates/" + id + "?version=1").bearer(tenant.apiKey("jobs:read").secret()).send();

      assertThat(current.status()).isEqualTo(200);
      assertThat(current.json().path("version").asInt()).isEqualTo(2);
      assertThat(current.json().path("steps")).hasSize(2);
      assertThat(first.status()).as(first.toString()).isEqualTo(200);
      assertThat(first.json().path("version").asInt()).isEqualTo(1);
      assertThat(first.json().path("current_version").asInt()).isEqualTo(2);
      assertThat(first.json().path("steps")).hasSize(1);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_version_that_is_not_a_positive_number() {
      UUID id = twoVersions();
      assertThat(Api.get("/api/v1/workers/templates/" + id + "?version=0").bearer(tenant.token(Role.USER)).send().problem())
          .isEqualTo("invalid_parameter");
      assertThat(Api.get("/api/v1/workers/templates/" + id + "?version=two").bearer(tenant.token(Role.USER)).send().status()).isEqualTo(400);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_template_or_version() {
      UUID id = twoVersions();
      assertThat(Api.get("/api/v1/workers/templates/" + UUID.randomUUID()).bearer(tenant.token(Role.USER)).send().status()).isEqualTo(404);
      assertThat(Api.get("/api/v1/workers/templates/" + id + "?version=3").bearer(tenant.token(Role.USER)).send().status()).isEqualTo(404);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_jobs_read_and_no_credentials() {
      UUID id = twoVersions();
      ApiResponse r = Api.get("/api/v1/workers/templates/" + id).bearer(tenant.apiKey("jobs:write").secret()).send();
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
      assertThat(Api.get("/api/v1/workers/templates/" + id).send().status()).isEqualTo(401);
    }
  }
}

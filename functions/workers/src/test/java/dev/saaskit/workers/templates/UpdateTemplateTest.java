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
import tools.jackson.databind.JsonNode;

class UpdateTemplateTest {

  final Tenant tenant = Workers.tenant();

  static Map<String, Object> v(String name, Object marker) {
    return definition(name, List.of(transform("shape", Map.of("version", marker))));
  }

  ApiResponse update(UUID id, Object body) {
    return Api.put("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void stores_the_next_version_and_a_running_job_keeps_the_one_it_started_with() {
      UUID id = Workers.id(Workers.template(tenant, v("evolving", 1)));
      JsonNode before = Workers.job(tenant, id, null);

      ApiResponse r = update(id, v("evolving", 2));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("version").asInt()).isEqualTo(2);
      Workers.run();
      JsonNode old = Workers.read(tenant, Workers.id(before));
      assertThat(old.path("template_version").asInt()).isEqualTo(1);
      assertThat(Workers.step(old, "shape").path("output").path("version").asInt()).isEqualTo(1);
      JsonNode fresh = Workers.job(tenant, id, null);
      assertThat(fresh.path("template_version").asInt()).isEqualTo(2);
      Workers.run();
      assertThat(Workers.step(Workers.read(tenant, Workers.id(fresh)), "shape").path("output").path("version").asInt()).isEqualTo(2);
      assertThat(Workers.audit(id)).containsExactly("worker_template.created", "worker_template.updated");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_invalid_definition_changes_nothing() {
      UUID id = Workers.id(Workers.template(tenant, v("stays", 1)));

      ApiResponse r = update(id, definition("stays", List.of(transform("a", Map.of(), "a"))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).contains("steps[0].depends_on[0]");
      assertThat(Workers.rows("select version from worker_templates where id = ?", id).get(0).get("version")).isEqualTo(1);
    }

    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(Api.put("/api/v1/workers/templates/42").bearer(tenant.token(Role.ORG_ADMIN)).json(v("x", 1)).send().problem())
          .isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_or_deleted_template() {
      assertThat(update(UUID.randomUUID(), v("x", 1)).status()).isEqualTo(404);
      UUID id = Workers.id(Workers.template(tenant, v("gone", 1)));
      Api.delete("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(update(id, v("gone", 2)).status()).isEqualTo(404);
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_name_of_another_template() {
      Workers.template(tenant, v("first", 1));
      UUID second = Workers.id(Workers.template(tenant, v("second", 1)));

      ApiResponse r = update(second, v("first", 2));

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("template_name_taken");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_org_admin() {
      UUID id = Workers.id(Workers.template(tenant, v("mine", 1)));
      assertThat(Api.put("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.BILLING_ADMIN)).json(v("mine", 2)).send().status())
          .isEqualTo(403);
      assertThat(Api.put("/api/v1/workers/templates/" + id).json(v("mine", 2)).send().status()).isEqualTo(401);
    }
  }
}

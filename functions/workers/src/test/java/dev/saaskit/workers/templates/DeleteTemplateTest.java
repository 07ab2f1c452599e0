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

class DeleteTemplateTest {

  final Tenant tenant = Workers.tenant();

  ApiResponse delete(UUID id) {
    return Api.delete("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void no_new_job_starts_the_name_is_free_and_a_running_job_finishes() {
      UUID id = Workers.id(Workers.template(tenant, definition("retired", List.of(transform("shape", Map.of("n", 1))))));
      JsonNode running = Workers.job(tenant, id, null);

      ApiResponse r = delete(id);

      assertThat(r.status()).isEqualTo(204);
      assertThat(Workers.startJob(tenant, id, null).status()).isEqualTo(400);
      assertThat(Api.get("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.USER)).send().status()).isEqualTo(404);
      assertThat(Workers.createTemplate(tenant, definition("retired", List.of(transform("x", Map.of())))).status()).isEqualTo(201);
      Workers.run();
      assertThat(Workers.read(tenant, Workers.id(running)).path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.audit(id)).containsExactly("worker_template.created", "worker_template.deleted");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_template_or_one_deleted_before() {
      assertThat(delete(UUID.randomUUID()).status()).isEqualTo(404);
      UUID id = Workers.id(Workers.template(tenant, definition("once", List.of(transform("x", Map.of())))));
      assertThat(delete(id).status()).isEqualTo(204);
      assertThat(delete(id).status()).isEqualTo(404);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_or_a_key() {
      UUID id = Workers.id(Workers.template(tenant, definition("kept", List.of(transform("x", Map.of())))));
      assertThat(Api.delete("/api/v1/workers/templates/" + id).bearer(tenant.token(Role.USER)).send().status()).isEqualTo(403);
      assertThat(Api.delete("/api/v1/workers/templates/" + id).bearer(tenant.apiKey("jobs:write").secret()).send().status()).isEqualTo(401);
    }
  }
}

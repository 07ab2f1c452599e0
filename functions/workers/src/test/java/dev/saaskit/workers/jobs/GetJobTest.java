package dev.saaskit.workers.jobs;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.Workers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetJobTest {

  final Tenant tenant = Workers.tenant();

  @Nested
  class Ok {
    @Test
    void each_step_with_its_status_attempts_timings_output_and_error() {
      String id = Workers.unique();
      JsonNode job = Workers.job(tenant, List.of(get("call", "/ok?id=" + id), get("refused", "/status?code=404&id=" + id, "call"),
          Workers.transform("never", java.util.Map.of(), "refused")));
      Workers.run();

      ApiResponse r = Api.get("/api/v1/workers/jobs/" + job.path("id").asString()).bearer(tenant.apiKey("jobs:read").secret()).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode read = r.json();
      assertThat(read.path("status").asString()).isEqualTo("failed");
      assertThat(read.path("error").asString()).contains("refused").contains("HTTP 404");
      assertThat(read.path("finished_at").isNull()).isFalse();
      JsonNode call = Workers.step(read, "call");
      assertThat(call.path("type").asString()).isEqualTo("http");
      assertThat(call.path("status").asString()).isEqualTo("succeeded");
      assertThat(call.path("attempts").asInt()).isEqualTo(1);
      assertThat(call.path("max_attempts").asInt()).isEqualTo(3);
      assertThat(call.path("started_at").isNull()).isFalse();
      assertThat(call.path("finished_at").isNull()).isFalse();
      assertThat(call.path("output").path("status").asInt()).isEqualTo(200);
      assertThat(call.path("output").path("body").path("id").asString()).isEqualTo(id);
      JsonNode refused = Workers.step(read, "refused");
      assertThat(refused.path("status").asString()).isEqualTo("failed");
      assertThat(refused.path("depends_on")).hasSize(1);
      assertThat(refused.path("error").asString()).contains("HTTP 404");
      assertThat(Workers.step(read, "never").path("status").asString()).isEqualTo("canceled");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(Api.get("/api/v1/workers/jobs/nope").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_job_or_another_organizations() {
      assertThat(Api.get("/api/v1/workers/jobs/" + UUID.randomUUID()).bearer(tenant.token(Role.USER)).send().status()).isEqualTo(404);
      Tenant other = Workers.tenant();
      JsonNode theirs = Workers.job(other, List.of(Workers.transform("a", java.util.Map.of())));
      ApiResponse r = Api.get("/api/v1/workers/jobs/" + theirs.path("id").asString()).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.problem()).isEqualTo("not_found");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_jobs_read() {
      assertThat(Api.get("/api/v1/workers/jobs/" + UUID.randomUUID()).bearer(tenant.apiKey("jobs:write").secret()).send().status())
          .isEqualTo(403);
      assertThat(Api.get("/api/v1/workers/jobs/" + UUID.randomUUID()).send().status()).isEqualTo(401);
    }
  }
}

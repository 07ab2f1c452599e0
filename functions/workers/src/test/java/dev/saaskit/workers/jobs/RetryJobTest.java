package dev.saaskit.workers.jobs;

import static dev.saaskit.workers.Workers.get;
import static dev.saaskit.workers.Workers.transform;
import static dev.saaskit.workers.Workers.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.LocalServer;
import dev.saaskit.workers.Workers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RetryJobTest {

  final Tenant tenant = Workers.tenant();

  ApiResponse retry(String bearer, Object jobId) {
    return Api.post("/api/v1/workers/jobs/" + jobId + "/retry").bearer(bearer).send();
  }

  /** first succeeds; flaky fails its one attempt the first time only; after needs flaky. */
  UUID failedJob(String id) {
    UUID job = Workers.id(Workers.job(tenant, List.of(
        get("first", "/ok?id=" + id),
        with(get("flaky", "/flaky?fail=1&id=" + id, "first"), "retry", Map.of("max_attempts", 1)),
        transform("after", Map.of("hit", "{% steps.flaky.body.hit %}"), "flaky"))));
    Workers.run();
    return job;
  }

  @Nested
  class Ok {
    @Test
    void runs_the_failed_steps_again_and_keeps_what_succeeded() {
      String id = Workers.unique();
      UUID job = failedJob(id);
      JsonNode failed = Workers.read(tenant, job);
      assertThat(failed.path("status").asString()).isEqualTo("failed");
      assertThat(Workers.statuses(failed)).containsExactly(Map.entry("first", "succeeded"), Map.entry("flaky", "failed"),
          Map.entry("after", "canceled"));

      ApiResponse r = retry(tenant.apiKey("jobs:write").secret(), job);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("running");
      assertThat(r.json().path("error").isNull()).isTrue();
      assertThat(Workers.statuses(r.json())).containsExactly(Map.entry("first", "succeeded"), Map.entry("flaky", "queued"),
          Map.entry("after", "pending"));
      Workers.run();
      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "flaky").path("attempts").asInt()).isEqualTo(1);
      assertThat(Workers.step(done, "after").path("output").path("hit").asInt()).isEqualTo(2);
      assertThat(LocalServer.get().hits("/ok", id)).isEqualTo(1);
      assertThat(LocalServer.get().hits("/flaky", id)).isEqualTo(2);
      assertThat(Workers.audit(job)).containsExactly("worker_job.created", "worker_job.retried");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_job_that_is_running_or_succeeded() {
      UUID running = Workers.id(Workers.job(tenant, List.of(Workers.step("w", "delay", Map.of("seconds", 600)))));
      ApiResponse r = retry(tenant.token(Role.USER), running);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("job_not_failed");

      UUID succeeded = Workers.id(Workers.job(tenant, List.of(transform("a", Map.of()))));
      Workers.run();
      assertThat(retry(tenant.token(Role.USER), succeeded).status()).isEqualTo(409);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_job() {
      assertThat(retry(tenant.token(Role.USER), UUID.randomUUID()).status()).isEqualTo(404);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(retry(tenant.token(Role.USER), "1").status()).isEqualTo(400);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_that_only_reads_jobs() {
      UUID job = failedJob(Workers.unique());
      assertThat(retry(tenant.apiKey("jobs:read").secret(), job).problem()).isEqualTo("insufficient_scope");
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("failed");
    }
  }
}

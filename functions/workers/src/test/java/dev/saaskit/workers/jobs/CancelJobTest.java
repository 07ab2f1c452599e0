package dev.saaskit.workers.jobs;

import static dev.saaskit.workers.Workers.get;
import static dev.saaskit.workers.Workers.transform;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CancelJobTest {

  final Tenant tenant = Workers.tenant();

  ApiResponse cancel(String bearer, Object jobId) {
    return Api.post("/api/v1/workers/jobs/" + jobId + "/cancel").bearer(bearer).send();
  }

  @Nested
  class Ok {
    @Test
    void nothing_new_starts_and_messages_already_sent_do_nothing() {
      UUID job = Workers.id(Workers.job(tenant, List.of(step("wait"), transform("after", Map.of(), "wait"))));

      ApiResponse r = cancel(tenant.token(Role.USER), job);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("canceled");
      assertThat(r.json().path("canceled_at").isNull()).isFalse();
      assertThat(Workers.statuses(r.json())).containsExactly(Map.entry("wait", "canceled"), Map.entry("after", "canceled"));
      Workers.sql("update worker_job_steps set run_at = now() where job_id = ?", job);
      Workers.deliver(Workers.stepMessage(job, "wait", 1, tenant.organizationId()));
      Workers.run();
      assertThat(Workers.statuses(Workers.read(tenant, job)).values()).containsOnly("canceled");
      assertThat(Workers.audit(job)).containsExactly("worker_job.created", "worker_job.canceled");
    }

    @Test
    void a_running_step_finishes_and_what_follows_it_never_starts() {
      Workers.run();
      String hold = Workers.unique();
      String after = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(Workers.hold("slow", hold), get("after", "/ok?id=" + after, "slow"))));
      CompletableFuture<String> running = Workers.invokeInBackground(Workers.takeMessages(job).get(0));
      Workers.awaitStep(job, "slow", "running");

      ApiResponse r = cancel(tenant.apiKey("jobs:write").secret(), job);
      LocalServer.get().release(hold);
      running.join();
      Workers.run();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Workers.statuses(r.json())).containsExactly(Map.entry("slow", "running"), Map.entry("after", "canceled"));
      JsonNode read = Workers.read(tenant, job);
      assertThat(read.path("status").asString()).isEqualTo("canceled");
      assertThat(Workers.step(read, "slow").path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(read, "after").path("status").asString()).isEqualTo("canceled");
      assertThat(LocalServer.get().hits("/ok", after)).isZero();
    }
  }

  static Map<String, Object> step(String key) {
    return Workers.step(key, "delay", Map.of("seconds", 600));
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_job_or_another_organizations() {
      assertThat(cancel(tenant.token(Role.USER), UUID.randomUUID()).status()).isEqualTo(404);
      UUID theirs = Workers.id(Workers.job(Workers.tenant(), List.of(step("wait"))));
      assertThat(cancel(tenant.token(Role.ORG_ADMIN), theirs).status()).isEqualTo(404);
      assertThat(Workers.rows("select status from worker_jobs where id = ?", theirs).get(0).get("status")).isEqualTo("running");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(cancel(tenant.token(Role.USER), "x").problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_job_that_has_ended() {
      UUID job = Workers.id(Workers.job(tenant, List.of(transform("a", Map.of()))));
      Workers.run();

      ApiResponse r = cancel(tenant.token(Role.USER), job);

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("job_finished");
      assertThat(cancel(tenant.token(Role.USER), Workers.id(Workers.job(tenant, List.of(step("w")))))).satisfies(first -> {
        assertThat(first.status()).isEqualTo(200);
      });
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_that_only_reads_jobs() {
      UUID job = Workers.id(Workers.job(tenant, List.of(step("wait"))));
      assertThat(cancel(tenant.apiKey("jobs:read").secret(), job).status()).isEqualTo(403);
      assertThat(Api.post("/api/v1/workers/jobs/" + job + "/cancel").send().status()).isEqualTo(401);
    }
  }
}

package dev.saaskit.workers.engine;

import static dev.saaskit.workers.Workers.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.LocalServer;
import dev.saaskit.workers.Workers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code workers-sweeper} schedule. Its thresholds are minutes; instead of waiting them out, a
 * test moves the step's claim or due time back, as the passing of time would.
 */
class SweepJobStepsTest {

  final Tenant tenant = Workers.tenant();

  @BeforeEach
  void emptyQueue() {
    Workers.run();
  }

  @Nested
  class ACrashInTheMiddleOfAStep {
    @Test
    void is_recovered_by_the_sweeper_and_what_follows_runs_once() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(Workers.hold("slow", id), get("after", "/ok?id=" + id, "slow"))));
      // The first attempt's function hangs in the call (as one that died would, from the database's view).
      CompletableFuture<String> crashed = Workers.invokeInBackground(Workers.takeMessages(job).get(0));
      Workers.awaitStep(job, "slow", "running");
      Workers.sql("update worker_job_steps set claimed_at = now() - interval '10 minutes' where job_id = ? and step_key = 'slow'", job);

      JsonNode swept = Workers.sweep();
      Workers.run();

      assertThat(swept.path("reclaimed").asInt()).isGreaterThanOrEqualTo(1);
      JsonNode recovered = Workers.read(tenant, job);
      assertThat(recovered.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(recovered, "slow").path("attempts").asInt()).isEqualTo(2);
      assertThat(Workers.step(recovered, "slow").path("output").path("body").path("held").asBoolean()).isFalse();

      // The hung attempt comes back after all: its outcome is no longer the step's to record.
      Object version = Workers.stepRow(job, "slow").get("version");
      LocalServer.get().release(id);
      crashed.join();
      Workers.run();

      JsonNode after = Workers.read(tenant, job);
      assertThat(Workers.step(after, "slow").path("output").path("body").path("held").asBoolean()).isFalse();
      assertThat(Workers.stepRow(job, "slow").get("version")).isEqualTo(version);
      assertThat(LocalServer.get().hits("/ok", id)).isEqualTo(1);
    }

    @Test
    void a_claim_that_is_still_fresh_is_left_alone() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(Workers.hold("slow", id))));
      CompletableFuture<String> running = Workers.invokeInBackground(Workers.takeMessages(job).get(0));
      Workers.awaitStep(job, "slow", "running");

      Workers.sweep();

      assertThat(Workers.stepRow(job, "slow").get("status")).isEqualTo("running");
      LocalServer.get().release(id);
      running.join();
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
      assertThat(LocalServer.get().hits("/hold", id)).isEqualTo(1);
    }
  }

  @Nested
  class ALostMessage {
    @Test
    void is_sent_again_and_the_original_turning_up_late_does_nothing() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(get("call", "/ok?id=" + id))));
      JsonNode lost = Workers.takeMessages(job).get(0);
      Workers.sql("update worker_job_steps set run_at = now() - interval '10 minutes' where job_id = ?", job);

      JsonNode swept = Workers.sweep();
      Workers.run();
      Workers.invoke(lost);

      assertThat(swept.path("resent").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
      assertThat(LocalServer.get().hits("/ok", id)).isEqualTo(1);
    }

    @Test
    void a_step_not_yet_due_is_not_sent() {
      UUID job = Workers.id(Workers.job(tenant, List.of(Workers.step("wait", "delay", Map.of("seconds", 3600)))));
      Workers.takeMessages(job);

      Workers.sweep();

      assertThat(Workers.takeMessages(job)).isEmpty();
      assertThat(Workers.stepRow(job, "wait").get("status")).isEqualTo("queued");
    }
  }
}

package dev.saaskit.workers.engine;

import static dev.saaskit.workers.Workers.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.LocalServer;
import dev.saaskit.workers.Workers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The plan's {@code concurrent_job_steps} (2 on the free plan): an organization at its limit waits
 * for its own steps, while another organization's steps run.
 */
class FairnessTest {

  @Test
  void an_organization_at_its_limit_waits_while_another_runs() {
    Workers.run();
    Tenant busy = Workers.tenant();
    Tenant other = Workers.tenant();
    String id = Workers.unique();
    UUID busyJob = Workers.id(Workers.job(busy, List.of(Workers.hold("one", id + "-1"), Workers.hold("two", id + "-2"),
        get("three", "/ok?id=" + id + "-3"))));
    UUID otherJob = Workers.id(Workers.job(other, List.of(get("only", "/ok?id=" + id + "-other"))));
    Map<String, JsonNode> messages = new java.util.HashMap<>();
    Workers.takeMessages(busyJob).forEach(m -> messages.put(m.path("step").asString(), m));
    JsonNode otherMessage = Workers.takeMessages(otherJob).get(0);

    CompletableFuture<String> one = Workers.invokeInBackground(messages.get("one"));
    CompletableFuture<String> two = Workers.invokeInBackground(messages.get("two"));
    Workers.awaitStep(busyJob, "one", "running");
    Workers.awaitStep(busyJob, "two", "running");
    Workers.invoke(messages.get("three"));
    Workers.invoke(otherMessage);

    Map<String, Object> three = Workers.stepRow(busyJob, "three");
    assertThat(three.get("status")).isEqualTo("queued");
    assertThat(three.get("attempts")).isEqualTo(0);
    assertThat(((Timestamp) three.get("run_at")).toInstant()).isAfter(Instant.now());
    assertThat(LocalServer.get().hits("/ok", id + "-3")).isZero();
    assertThat(Workers.read(other, otherJob).path("status").asString()).isEqualTo("succeeded");

    LocalServer.get().release(id + "-1");
    LocalServer.get().release(id + "-2");
    one.join();
    two.join();
    Workers.sql("update worker_job_steps set run_at = now() where job_id = ? and step_key = 'three'", busyJob);
    Workers.invoke(messages.get("three"));

    assertThat(Workers.read(busy, busyJob).path("status").asString()).isEqualTo("succeeded");
    assertThat(LocalServer.get().hits("/ok", id + "-3")).isEqualTo(1);
  }
}

package dev.saaskit.workers.engine;

import static dev.saaskit.workers.Workers.get;
import static dev.saaskit.workers.Workers.step;
import static dev.saaskit.workers.Workers.transform;
import static dev.saaskit.workers.Workers.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestQueues;
import dev.saaskit.workers.LocalServer;
import dev.saaskit.workers.Workers;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The step runner on {@code workers-steps}, driven through its entry point with the queue's messages. */
class RunJobStepsTest {

  final Tenant tenant = Workers.tenant();

  @BeforeEach
  void emptyQueue() {
    Workers.run();
  }

  @Nested
  class FanOutAndFanIn {
    @Test
    void parallel_branches_are_separate_messages_and_the_join_waits_for_both() {
      UUID job = Workers.id(Workers.job(tenant, List.of(
          transform("start", Map.of("n", 1)),
          transform("left", Map.of("side", "left"), "start"),
          transform("right", Map.of("side", "right"), "start"),
          transform("join", Map.of("sides", "{% [steps.left.side, steps.right.side] %}"), "left", "right"))));
      Workers.invoke(Workers.takeMessages(job).get(0));

      List<JsonNode> branches = Workers.takeMessages(job);
      assertThat(branches).extracting(m -> m.path("step").asString()).containsExactlyInAnyOrder("left", "right");
      JsonNode left = branches.stream().filter(m -> m.path("step").asString().equals("left")).findFirst().orElseThrow();
      JsonNode right = branches.stream().filter(m -> m.path("step").asString().equals("right")).findFirst().orElseThrow();
      Workers.invoke(left);
      assertThat(Workers.statuses(Workers.read(tenant, job))).containsEntry("left", "succeeded").containsEntry("right", "queued")
          .containsEntry("join", "pending");
      assertThat(Workers.takeMessages(job)).isEmpty();
      Workers.invoke(right);
      Workers.run();

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "join").path("output").path("sides").toString()).isEqualTo("[\"left\",\"right\"]");
      assertThat(Workers.step(done, "join").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_branch_runs_the_way_its_condition_chooses_and_skips_the_other() {
      Map<String, Object> d = Workers.definition("branching-" + Workers.unique(), List.of(
          step("decide", "branch", Map.of("condition", "parameters.amount > 100", "then", List.of("approve"), "otherwise", List.of("reject"))),
          transform("approve", Map.of("ok", true), "decide"),
          transform("reject", Map.of("ok", false), "decide"),
          transform("after_reject", Map.of(), "reject"),
          transform("report", Map.of("approved", "{% $exists(steps.approve) %}"), "approve", "reject")));
      d.put("parameters", Map.of("amount", Map.of("type", "number")));
      UUID job = Workers.id(Workers.job(tenant, Workers.id(Workers.template(tenant, d)), Map.of("amount", 500)));

      Workers.run();

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.statuses(done)).containsExactly(Map.entry("decide", "succeeded"), Map.entry("approve", "succeeded"),
          Map.entry("reject", "skipped"), Map.entry("after_reject", "skipped"), Map.entry("report", "succeeded"));
      assertThat(Workers.step(done, "decide").path("output").path("next").toString()).isEqualTo("[\"approve\"]");
      assertThat(Workers.step(done, "report").path("output").path("approved").asBoolean()).isTrue();
    }
  }

  @Nested
  class Retries {
    @Test
    void a_failing_call_is_tried_again_until_it_succeeds() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(get("flaky", "/flaky?fail=2&id=" + id))));

      Workers.run();

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "flaky").path("attempts").asInt()).isEqualTo(3);
      assertThat(Workers.step(done, "flaky").path("output").path("body").path("hit").asInt()).isEqualTo(3);
      assertThat(LocalServer.get().hits("/flaky", id)).isEqualTo(3);
    }

    @Test
    void when_the_attempts_run_out_the_step_and_the_job_fail_and_nothing_after_starts() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(get("flaky", "/flaky?fail=9&id=" + id), get("after", "/ok?id=" + id, "flaky"))));

      Workers.run();

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("failed");
      assertThat(done.path("error").asString()).isEqualTo("step 'flaky' failed: HTTP 503 from " + LocalServer.HOST);
      assertThat(Workers.step(done, "flaky").path("attempts").asInt()).isEqualTo(3);
      assertThat(Workers.step(done, "after").path("status").asString()).isEqualTo("canceled");
      assertThat(LocalServer.get().hits("/flaky", id)).isEqualTo(3);
      assertThat(LocalServer.get().hits("/ok", id)).isZero();
    }

    @Test
    void a_client_error_or_a_bad_expression_is_not_tried_again() {
      UUID clientError = Workers.id(Workers.job(tenant, List.of(get("call", "/status?code=422"))));
      UUID badExpression = Workers.id(Workers.job(tenant, List.of(transform("shape", Map.of("x", "{% $number('ten') %}")))));

      Workers.run();

      assertThat(Workers.step(Workers.read(tenant, clientError), "call").path("attempts").asInt()).isEqualTo(1);
      JsonNode shape = Workers.step(Workers.read(tenant, badExpression), "shape");
      assertThat(shape.path("status").asString()).isEqualTo("failed");
      assertThat(shape.path("attempts").asInt()).isEqualTo(1);
      assertThat(shape.path("error").asString()).startsWith("transform.output.x");
    }

    @Test
    void the_next_attempt_waits_its_back_off_and_an_early_message_is_put_back() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(with(get("flaky", "/flaky?fail=1&id=" + id), "retry",
          Map.of("max_attempts", 3, "backoff_seconds", 40)))));
      Workers.invoke(Workers.takeMessages(job).get(0));

      Map<String, Object> row = Workers.stepRow(job, "flaky");
      assertThat(row.get("status")).isEqualTo("queued");
      assertThat(row.get("attempts")).isEqualTo(1);
      assertThat(row.get("error")).isEqualTo("HTTP 503 from " + LocalServer.HOST);
      // Equal jitter: half of the 40 s back-off fixed, half random, counted from when the attempt ended.
      Duration wait = Duration.between(((Timestamp) row.get("started_at")).toInstant(), ((Timestamp) row.get("run_at")).toInstant());
      assertThat(wait).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(41));
      assertThat(Workers.step(Workers.read(tenant, job), "flaky").path("next_attempt_at").isNull()).isFalse();

      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "flaky", 2, tenant.organizationId())));
      assertThat(LocalServer.get().hits("/flaky", id)).isEqualTo(1);
      assertThat(Workers.stepRow(job, "flaky").get("attempts")).isEqualTo(1);

      Workers.sql("update worker_job_steps set run_at = now() where job_id = ?", job);
      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "flaky", 2, tenant.organizationId())));
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
      assertThat(LocalServer.get().hits("/flaky", id)).isEqualTo(2);
    }
  }

  @Nested
  class DuplicateDelivery {
    @Test
    void a_message_delivered_twice_runs_its_step_once() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(get("call", "/ok?id=" + id), get("next", "/ok?id=" + id + "-next", "call"))));
      JsonNode message = Workers.takeMessages(job).get(0);

      Workers.deliver(message);
      Workers.deliver(message);
      Workers.run();
      Workers.invoke(message);

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "call").path("attempts").asInt()).isEqualTo(1);
      assertThat(LocalServer.get().hits("/ok", id)).isEqualTo(1);
      assertThat(LocalServer.get().hits("/ok", id + "-next")).isEqualTo(1);
    }

    @Test
    void two_runners_taking_the_same_message_at_once_claim_it_once() {
      String id = Workers.unique();
      UUID job = Workers.id(Workers.job(tenant, List.of(Workers.hold("slow", id))));
      JsonNode message = Workers.takeMessages(job).get(0);
      var first = Workers.invokeInBackground(message);
      Workers.awaitStep(job, "slow", "running");

      Workers.invoke(message);
      LocalServer.get().release(id);
      first.join();

      assertThat(LocalServer.get().hits("/hold", id)).isEqualTo(1);
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
    }
  }

  @Nested
  class Delay {
    @Test
    void a_delay_step_waits_in_the_queue_and_an_early_message_is_put_back() {
      UUID job = Workers.id(Workers.job(tenant, List.of(step("wait", "delay", Map.of("seconds", 3600)), transform("after", Map.of(), "wait"))));
      JsonNode wait = Workers.step(Workers.read(tenant, job), "wait");
      assertThat(wait.path("status").asString()).isEqualTo("queued");
      assertThat(wait.path("next_attempt_at").isNull()).isFalse();

      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "wait", 1, tenant.organizationId())));
      assertThat(Workers.stepRow(job, "wait").get("attempts")).isEqualTo(0);

      Workers.sql("update worker_job_steps set run_at = now() where job_id = ? and step_key = 'wait'", job);
      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "wait", 1, tenant.organizationId())));
      Workers.run();

      JsonNode done = Workers.read(tenant, job);
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "wait").path("output").path("seconds").asInt()).isEqualTo(3600);
    }
  }

  @Nested
  class Notifications {
    @Test
    void a_notify_step_and_the_jobs_ending_go_to_the_notifications_queue() {
      String to = "ops-" + Workers.unique() + "@example.test";
      Map<String, Object> d = Workers.definition("notifying-" + Workers.unique(), List.of(
          transform("count", Map.of("n", 3)),
          step("tell", "notify", Map.of("template", "job_report", "to", to, "variables", Map.of("count", "{% steps.count.n %}")), "count")));
      d.put("notify", Map.of("template", "job_ended", "to", to, "on", List.of("succeeded")));
      UUID job = Workers.id(Workers.job(tenant, Workers.id(Workers.template(tenant, d)), null));

      Workers.run();

      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
      List<JsonNode> sent = TestQueues.get().take("notifications", 1).stream().map(m -> Json.tree(m.body()))
          .filter(m -> m.path("to").asString().equals(to)).toList();
      assertThat(sent).extracting(m -> m.path("template").asString()).containsExactlyInAnyOrder("job_report", "job_ended");
      JsonNode report = sent.stream().filter(m -> m.path("template").asString().equals("job_report")).findFirst().orElseThrow();
      assertThat(report.path("variables").path("count").asInt()).isEqualTo(3);
      assertThat(report.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
    }
  }

  @Nested
  class Poison {
    @Test
    void a_message_that_is_not_a_step_message_ends_in_the_dead_letter_queue() {
      String marker = "{\"not\": \"a step " + Workers.unique() + "\"";
      Workers.deliver(marker);

      Workers.run();

      assertThat(TestQueues.get().take(Workers.QUEUE + "-dlq", 1)).anySatisfy(m -> assertThat(m.body()).isEqualTo(marker));
    }

    @Test
    void a_message_for_another_attempt_or_a_job_of_nobody_is_spent() {
      UUID job = Workers.id(Workers.job(tenant, List.of(transform("a", Map.of()))));
      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "a", 4, tenant.organizationId())));
      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(job, "a", 1, Workers.tenant().organizationId())));
      Workers.invoke(Json.MAPPER.valueToTree(Workers.stepMessage(UUID.randomUUID(), "a", 1, tenant.organizationId())));

      assertThat(Workers.stepRow(job, "a").get("attempts")).isEqualTo(0);
      Workers.run();
      assertThat(Workers.read(tenant, job).path("status").asString()).isEqualTo("succeeded");
    }
  }
}

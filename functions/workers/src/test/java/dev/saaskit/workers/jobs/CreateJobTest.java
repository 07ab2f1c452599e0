package dev.saaskit.workers.jobs;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.transform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.workers.Workers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateJobTest {

  final Tenant tenant = Workers.tenant();

  /** Two parameters (one with a default) and a fan-out of two steps joined by a third. */
  UUID template() {
    Map<String, Object> d = definition("report-" + Workers.unique(), List.of(
        transform("a", Map.of("who", "{% parameters.name %}")),
        transform("b", Map.of("times", "{% parameters.times %}")),
        transform("joined", Map.of("text", "{% steps.a.who & ' x' & $string(steps.b.times) %}"), "a", "b")));
    d.put("parameters", Map.of("name", Map.of("type", "string"), "times", Map.of("type", "number", "default", 2)));
    return Workers.id(Workers.template(tenant, d));
  }

  ApiResponse post(String bearer, Object body, String idempotencyKey) {
    Api.Request request = Api.post("/api/v1/workers/jobs").bearer(bearer).json(body);
    if (idempotencyKey != null) {
      request.idempotencyKey(idempotencyKey);
    }
    return request.send();
  }

  @Nested
  class Ok {
    @Test
    void starts_the_steps_without_predecessors_and_fills_in_defaults() {
      UUID template = template();

      ApiResponse r = Workers.startJob(tenant, template, Map.of("name", "Ada"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode job = r.json();
      assertThat(r.header("location")).isEqualTo("/api/v1/workers/jobs/" + job.path("id").asString());
      assertThat(job.path("status").asString()).isEqualTo("running");
      assertThat(job.path("template_version").asInt()).isEqualTo(1);
      assertThat(job.path("parameters").path("times").asInt()).isEqualTo(2);
      assertThat(Workers.statuses(job)).containsExactly(Map.entry("a", "queued"), Map.entry("b", "queued"), Map.entry("joined", "pending"));
      assertThat(Workers.audit(job.path("id").asString())).containsExactly("worker_job.created");

      Workers.run();

      JsonNode done = Workers.read(tenant, Workers.id(job));
      assertThat(done.path("status").asString()).isEqualTo("succeeded");
      assertThat(Workers.step(done, "joined").path("output").path("text").asString()).isEqualTo("Ada x2");
    }

    @Test
    void an_api_key_with_jobs_write_starts_one() {
      ApiResponse r = post(tenant.apiKey("jobs:write").secret(), Map.of("template_id", template(), "parameters", Map.of("name", "k")), null);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void the_same_request_with_the_same_idempotency_key_answers_the_same_job_and_starts_no_other() {
      UUID template = template();
      String key = UUID.randomUUID().toString();
      Map<String, Object> body = Map.of("template_id", template, "parameters", Map.of("name", "once"));

      ApiResponse first = post(tenant.token(Role.USER), body, key);
      ApiResponse again = post(tenant.token(Role.USER), body, key);
      ApiResponse other = post(tenant.token(Role.USER), Map.of("template_id", template, "parameters", Map.of("name", "twice")), key);

      assertThat(first.status()).isEqualTo(201);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.header("idempotent-replayed")).isEqualTo("true");
      assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
      assertThat(other.status()).isEqualTo(422);
      assertThat(Workers.rows("select id from worker_jobs where template_id = ?", template)).hasSize(1);
    }
  }

  @Nested
  class BadRequest {
    void refused(Object body, String field) {
      ApiResponse r = post(tenant.token(Role.USER), body, null);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.problem()).isEqualTo("validation_failed");
      assertThat(r.json().path("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void parameters_missing_unknown_or_of_the_wrong_type() {
      UUID template = template();
      refused(Map.of("template_id", template), "parameters.name");
      refused(Map.of("template_id", template, "parameters", Map.of("name", 7)), "parameters.name");
      refused(Map.of("template_id", template, "parameters", Map.of("name", "x", "times", "two")), "parameters.times");
      refused(Map.of("template_id", template, "parameters", Map.of("name", "x", "colour", "red")), "parameters.colour");
      refused(Map.of("template_id", template, "parameters", List.of("x")), "parameters");
      assertThat(Workers.rows("select id from worker_jobs where template_id = ?", template)).isEmpty();
    }

    @Test
    void no_template_or_one_of_another_organization() {
      refused(Map.of(), "template_id");
      refused(Map.of("template_id", UUID.randomUUID()), "template_id");
      UUID theirs = Workers.id(Workers.template(Workers.tenant(), definition("theirs", List.of(transform("a", Map.of())))));
      refused(Map.of("template_id", theirs), "template_id");
    }

    @Test
    void a_body_that_is_not_json_or_a_template_id_that_is_not_a_uuid() {
      assertThat(post(tenant.token(Role.USER), "{", null).status()).isEqualTo(400);
      assertThat(post(tenant.token(Role.USER), Map.of("template_id", "nope"), null).status()).isEqualTo(400);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_credentials_or_with_a_forged_token() {
      assertThat(Api.post("/api/v1/workers/jobs").json(Map.of("template_id", template())).send().status()).isEqualTo(401);
      assertThat(post("eyJhbGciOiJub25lIn0.e30.", Map.of("template_id", template()), null).status()).isEqualTo(401);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_that_only_reads_jobs() {
      ApiResponse r = post(tenant.apiKey("jobs:read").secret(), Map.of("template_id", template()), null);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void a_key_past_its_rate_limit() {
      UUID template = template();
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 1, 60, "jobs:write");
      assertThat(post(key.secret(), Map.of("template_id", template, "parameters", Map.of("name", "a")), null).status()).isEqualTo(201);

      ApiResponse r = post(key.secret(), Map.of("template_id", template, "parameters", Map.of("name", "b")), null);

      assertThat(r.status()).isEqualTo(429);
      assertThat(Workers.rows("select id from worker_jobs where template_id = ?", template)).hasSize(1);
    }
  }
}

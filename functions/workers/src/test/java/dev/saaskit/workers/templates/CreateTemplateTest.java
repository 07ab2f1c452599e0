package dev.saaskit.workers.templates;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.get;
import static dev.saaskit.workers.Workers.step;
import static dev.saaskit.workers.Workers.transform;
import static dev.saaskit.workers.Workers.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.Workers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateTemplateTest {

  final Tenant tenant = Workers.tenant();

  /** A diamond: fetch, then two parallel branches, then a join that reports. */
  static Map<String, Object> diamond(String name) {
    Map<String, Object> d = definition(name, List.of(
        get("fetch", "/ok?id=fetch"),
        transform("left", Map.of("side", "left"), "fetch"),
        transform("right", Map.of("side", "{% parameters.side %}"), "fetch"),
        transform("join", Map.of("both", "{% [steps.left.side, steps.right.side] %}"), "left", "right")));
    d.put("parameters", Map.of("side", Map.of("type", "string", "default", "right"), "limit", Map.of("type", "number", "required", false)));
    return d;
  }

  @Nested
  class Ok {
    @Test
    void creates_version_1_and_audits_it() {
      ApiResponse r = Workers.createTemplate(tenant, diamond("nightly"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode t = r.json();
      assertThat(r.header("location")).isEqualTo("/api/v1/workers/templates/" + t.path("id").asString());
      assertThat(t.path("name").asString()).isEqualTo("nightly");
      assertThat(t.path("version").asInt()).isEqualTo(1);
      assertThat(t.path("current_version").asInt()).isEqualTo(1);
      assertThat(t.path("steps")).hasSize(4);
      assertThat(t.path("steps").get(3).path("depends_on")).hasSize(2);
      assertThat(t.path("parameters").path("side").path("default").asString()).isEqualTo("right");
      assertThat(Workers.audit(t.path("id").asString())).containsExactly("worker_template.created");
    }

    @Test
    void every_step_type_and_a_job_notice() {
      Map<String, Object> d = definition("all-types", List.of(
          get("call", "/ok"),
          step("wait", "delay", Map.of("seconds", 30), "call"),
          step("decide", "branch", Map.of("condition", "steps.call.status = 200", "then", List.of("tell"), "otherwise", List.of("shape")), "wait"),
          step("tell", "notify", Map.of("template", "job_report", "to", "ops@example.com", "variables", Map.of("s", "{% steps.call.status %}")),
              "decide"),
          transform("shape", Map.of("x", 1), "decide")));
      d.put("notify", Map.of("template", "job_report", "to", "ops@example.com", "on", List.of("failed", "succeeded")));

      assertThat(Workers.createTemplate(tenant, d).status()).isEqualTo(201);
    }
  }

  @Nested
  class BadRequest {
    void refused(Object body, String field) {
      ApiResponse r = Workers.createTemplate(tenant, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.header("content-type")).isEqualTo("application/problem+json");
      assertThat(r.problem()).isEqualTo("validation_failed");
      assertThat(r.json().path("errors").findValuesAsString("field")).as(r.body()).contains(field);
    }

    @Test
    void a_cycle_is_named_at_its_first_step() {
      ApiResponse r = Workers.createTemplate(tenant, definition("cyclic", List.of(
          transform("a", Map.of(), "c"), transform("b", Map.of(), "a"), transform("c", Map.of(), "b"))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("steps[0].depends_on");
      assertThat(r.json().path("errors").get(0).path("message").asString()).contains("a -> c -> b -> a");
    }

    @Test
    void a_step_depending_on_itself_or_on_no_step() {
      refused(definition("self", List.of(transform("a", Map.of(), "a"))), "steps[0].depends_on[0]");
      refused(definition("unknown", List.of(transform("a", Map.of()), transform("b", Map.of(), "a", "nope"))), "steps[1].depends_on[1]");
    }

    @Test
    void duplicate_keys_unknown_types_and_settings_of_another_type() {
      refused(definition("dup", List.of(transform("a", Map.of()), transform("a", Map.of()))), "steps[1].key");
      refused(definition("type", List.of(Map.of("key", "a", "type", "shell"))), "steps[0].type");
      Map<String, Object> mixed = new LinkedHashMap<>(transform("a", Map.of()));
      mixed.put("delay", Map.of("seconds", 1));
      refused(definition("mixed", List.of(mixed)), "steps[0].delay");
      refused(definition("none", List.of()), "steps");
    }

    @Test
    void parameters_of_an_unknown_type_or_with_a_default_of_another_type() {
      refused(with(diamond("p1"), "parameters", Map.of("n", Map.of("type", "integer"))), "parameters.n.type");
      refused(with(diamond("p2"), "parameters", Map.of("n", Map.of("type", "number", "default", "ten"))), "parameters.n.default");
      refused(with(diamond("p3"), "parameters", Map.of("Bad Name", Map.of("type", "string"))), "parameters.Bad Name");
    }

    @Test
    void expressions_that_do_not_parse_and_urls_that_are_not_http() {
      refused(definition("expr", List.of(transform("a", Map.of("x", "{% $sum( %}")))), "steps[0].transform.output.x");
      refused(definition("ftp", List.of(Workers.httpTo("a", "ftp://example.com/file"))), "steps[0].http.url");
      refused(definition("creds", List.of(Workers.httpTo("a", "https://user:pw@example.com/"))), "steps[0].http.url");
      refused(definition("branch", List.of(transform("a", Map.of()),
          step("b", "branch", Map.of("condition", "true", "then", List.of("a")), "a"))), "steps[1].branch.then[0]");
      refused(definition("delay", List.of(step("a", "delay", Map.of("seconds", 0)))), "steps[0].delay.seconds");
    }

    @Test
    void a_body_that_is_not_json_or_has_unknown_fields_is_400_not_500() {
      assertThat(Api.post("/api/v1/workers/templates").bearer(tenant.token(Role.ORG_ADMIN)).json("[1").send().status()).isEqualTo(400);
      assertThat(Workers.createTemplate(tenant, with(diamond("x"), "colour", "red")).status()).isEqualTo(400);
      assertThat(Workers.createTemplate(tenant, with(diamond("x"), "steps", "all of them")).status()).isEqualTo(400);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_second_template_of_one_name() {
      Workers.template(tenant, diamond("twice"));

      ApiResponse r = Workers.createTemplate(tenant, diamond("twice"));

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("template_name_taken");
    }

    @Test
    void another_organization_may_have_one_of_the_same_name() {
      Workers.template(tenant, diamond("shared-name"));
      assertThat(Workers.createTemplate(Workers.tenant(), diamond("shared-name")).status()).isEqualTo(201);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token_or_with_an_api_key() {
      assertThat(Api.post("/api/v1/workers/templates").json(diamond("x")).send().status()).isEqualTo(401);
      assertThat(Api.post("/api/v1/workers/templates").bearer(tenant.apiKey("jobs:write").secret()).json(diamond("x")).send().status())
          .isEqualTo(401);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_org_admin() {
      ApiResponse r = Api.post("/api/v1/workers/templates").bearer(tenant.token(Role.USER)).json(diamond("x")).send();
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("forbidden");
    }
  }
}

package dev.saaskit.workers.jobs;

import static dev.saaskit.workers.Workers.definition;
import static dev.saaskit.workers.Workers.transform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListJobsTest {

  final Tenant tenant = Workers.tenant();

  List<String> ids(String query) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      ApiResponse r = Api.get("/api/v1/workers/jobs?limit=2" + query + (cursor == null ? "" : "&cursor=" + cursor))
          .bearer(tenant.apiKey("jobs:read").secret()).send();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      r.json().path("data").forEach(j -> {
        assertThat(j.has("steps")).isFalse();
        ids.add(j.path("id").asString());
      });
      cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asString();
    } while (cursor != null);
    return ids;
  }

  @Nested
  class Ok {
    @Test
    void pages_through_the_organizations_jobs_by_status_and_template() {
      UUID one = Workers.id(Workers.template(tenant, definition("one", List.of(transform("a", Map.of())))));
      UUID two = Workers.id(Workers.template(tenant, definition("two", List.of(transform("a", Map.of())))));
      String a = Workers.job(tenant, one, null).path("id").asString();
      String b = Workers.job(tenant, one, null).path("id").asString();
      String c = Workers.job(tenant, two, null).path("id").asString();
      Api.post("/api/v1/workers/jobs/" + c + "/cancel").bearer(tenant.token(Role.USER)).send();
      Workers.job(Workers.tenant(), List.of(transform("a", Map.of())));

      assertThat(ids("")).containsExactly(a, b, c);
      assertThat(ids("&template_id=" + one)).containsExactly(a, b);
      assertThat(ids("&status=canceled")).containsExactly(c);
      assertThat(ids("&status=running&template_id=" + two)).isEmpty();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_status_a_template_id_that_is_not_a_uuid_or_a_bad_limit() {
      for (String query : List.of("?status=done", "?template_id=7", "?limit=101", "?cursor=%%%")) {
        ApiResponse r = Api.get("/api/v1/workers/jobs" + query).bearer(tenant.token(Role.USER)).send();
        assertThat(r.status()).as(query).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("invalid_parameter");
      }
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_jobs_read() {
      JsonNode r = Api.get("/api/v1/workers/jobs").bearer(tenant.apiKey("jobs:write").secret()).send().json();
      assertThat(r.path("status").asInt()).isEqualTo(403);
      assertThat(Api.get("/api/v1/workers/jobs").send().status()).isEqualTo(401);
    }
  }
}

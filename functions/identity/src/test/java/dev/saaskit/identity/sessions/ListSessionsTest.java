package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListSessionsTest {

  final TestUsers.Account account = TestUsers.register();

  ApiResponse list(String query) {
    return Api.get("/api/v1/sessions" + query).bearer(account.accessToken()).send();
  }

  @Nested
  class Ok {
    @Test
    void the_accounts_live_sessions_with_the_current_one_marked() {
      TestUsers.Account second = TestUsers.loginTo(account, account.orgId());
      TestUsers.Account ended = TestUsers.loginTo(account, account.orgId());
      Api.post("/api/v1/logout").bearer(ended.accessToken()).send();
      TestUsers.register();

      ApiResponse r = list("");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode data = r.json().path("data");
      assertThat(data).hasSize(2);
      assertThat(data.get(0).path("id").asString()).isEqualTo(account.sessionId().toString());
      assertThat(data.get(0).path("current").asBoolean()).isTrue();
      assertThat(data.get(1).path("id").asString()).isEqualTo(second.sessionId().toString());
      assertThat(data.get(1).path("current").asBoolean()).isFalse();
      assertThat(data.get(0).path("user_agent").asString()).isEqualTo("saaskit-tests");
      assertThat(data.get(0).path("ip").asString()).startsWith("198.51.");
      assertThat(data.get(0).path("created_at").asString()).isNotBlank();
      assertThat(data.get(0).path("last_used_at").asString()).isNotBlank();
      assertThat(data.get(0).path("organization_id").asString()).isEqualTo(account.orgId().toString());
    }

    @Test
    void pages_with_a_cursor() {
      TestUsers.loginTo(account, account.orgId());
      TestUsers.loginTo(account, account.orgId());
      List<String> seen = new ArrayList<>();
      JsonNode page = list("?limit=2").json();
      page.path("data").forEach(s -> seen.add(s.path("id").asString()));
      page = list("?limit=2&cursor=" + page.path("next_cursor").asString()).json();
      page.path("data").forEach(s -> seen.add(s.path("id").asString()));

      assertThat(seen).hasSize(3).doesNotHaveDuplicates();
      assertThat(page.path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void bad_paging_parameters() {
      assertProblem(list("?limit=0"), 400, "invalid_parameter");
      assertProblem(list("?cursor=' or 1=1"), 400, "invalid_parameter");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.get("/api/v1/sessions").send(), 401, "unauthenticated");
    }
  }
}

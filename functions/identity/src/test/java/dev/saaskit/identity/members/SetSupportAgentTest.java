package dev.saaskit.identity.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SetSupportAgentTest {

  final TestUsers.Account someone = TestUsers.register();

  static ApiResponse set(String token, UUID user, Object body) {
    return Api.put("/api/v1/users/" + user + "/support-agent").bearer(token).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void a_super_admin_grants_support_agent_which_the_next_sign_in_carries_and_withdraws_it() {
      TestUsers.Account root = TestUsers.superAdmin();

      ApiResponse granted = set(root.accessToken(), someone.userId(), Map.of("support_agent", true));
      ApiResponse again = set(root.accessToken(), someone.userId(), Map.of("support_agent", true));

      assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
      assertThat(granted.json().path("platform_roles").toString()).isEqualTo("[\"support_agent\"]");
      assertThat(again.json().path("platform_roles").toString()).isEqualTo("[\"support_agent\"]");
      assertThat(TestUsers.audits("user.support_agent_granted", someone.userId())).isEqualTo(1);
      ApiResponse login = TestUsers.login(someone.email(), someone.password());
      assertThat(TestUsers.me(login.json().path("access_token").asString()).body()).contains("support_agent");

      ApiResponse withdrawn = set(root.accessToken(), someone.userId(), Map.of("support_agent", false));
      assertThat(withdrawn.json().path("platform_roles").size()).isZero();
      assertThat(TestUsers.audits("user.support_agent_withdrawn", someone.userId())).isEqualTo(1);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void an_org_admin() {
      ApiResponse r = set(someone.accessToken(), someone.userId(), Map.of("support_agent", true));
      assertThat(r.status()).isEqualTo(403);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_account() {
      assertThat(set(TestUsers.superAdmin().accessToken(), UUID.randomUUID(), Map.of("support_agent", true)).status()).isEqualTo(404);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void without_the_flag() {
      assertThat(set(TestUsers.superAdmin().accessToken(), someone.userId(), Map.of()).problem()).isEqualTo("validation_failed");
    }
  }
}

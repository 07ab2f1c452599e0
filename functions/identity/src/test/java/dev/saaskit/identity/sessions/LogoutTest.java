package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogoutTest {

  final TestUsers.Account account = TestUsers.register();

  static ApiResponse logout(String accessToken) {
    return Api.post("/api/v1/logout").bearer(accessToken).send();
  }

  @Nested
  class Ok {
    @Test
    void ends_the_session_and_its_refresh_tokens() {
      TestUsers.Account elsewhere = TestUsers.loginTo(account, account.orgId());

      assertThat(logout(account.accessToken()).status()).isEqualTo(204);
      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertThat(TestUsers.audits("user.logout", account.sessionId())).isEqualTo(1);
      assertThat(refresh(elsewhere.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void twice_is_fine_and_audited_once() {
      assertThat(logout(account.accessToken()).status()).isEqualTo(204);
      assertThat(logout(account.accessToken()).status()).isEqualTo(204);
      assertThat(TestUsers.audits("user.logout", account.sessionId())).isEqualTo(1);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_an_access_token_or_with_a_refresh_token() {
      assertProblem(Api.post("/api/v1/logout").send(), 401, "unauthenticated");
      assertProblem(logout(account.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(account.refreshToken()).status()).isEqualTo(200);
    }
  }
}

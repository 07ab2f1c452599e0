package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevokeSessionTest {

  final TestUsers.Account account = TestUsers.register();

  ApiResponse revoke(Object id) {
    return Api.delete("/api/v1/sessions/" + id).bearer(account.accessToken()).send();
  }

  @Nested
  class Ok {
    @Test
    void ends_another_session_of_the_account() {
      TestUsers.Account laptop = TestUsers.loginTo(account, account.orgId());

      assertThat(revoke(laptop.sessionId()).status()).isEqualTo(204);
      assertProblem(refresh(laptop.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(account.refreshToken()).status()).isEqualTo(200);
      assertThat(TestUsers.audits("session.revoked", laptop.sessionId())).isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_accounts_session_an_ended_one_or_none() {
      TestUsers.Account stranger = TestUsers.register();
      assertProblem(revoke(stranger.sessionId()), 404, "not_found");
      assertThat(refresh(stranger.refreshToken()).status()).isEqualTo(200);

      TestUsers.Account ended = TestUsers.loginTo(account, account.orgId());
      revoke(ended.sessionId());
      assertProblem(revoke(ended.sessionId()), 404, "not_found");
      assertProblem(revoke(UUID.randomUUID()), 404, "not_found");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertProblem(revoke("1%20or%201=1"), 400, "invalid_parameter");
      assertProblem(revoke("not-a-uuid"), 400, "invalid_parameter");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.delete("/api/v1/sessions/" + account.sessionId()).send(), 401, "unauthenticated");
    }
  }
}

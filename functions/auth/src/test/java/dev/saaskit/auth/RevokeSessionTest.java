package dev.saaskit.auth;

import static dev.saaskit.auth.Accounts.refresh;
import static dev.saaskit.auth.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevokeSessionTest {

  final Accounts.Account account = Accounts.register();

  ApiResponse revoke(Object id) {
    return Api.delete("/api/v1/sessions/" + id).bearer(account.accessToken()).send();
  }

  @Nested
  class Ok {
    @Test
    void ends_another_session_of_the_account() {
      Accounts.Account laptop = Accounts.loginTo(account, account.orgId());

      assertThat(revoke(laptop.sessionId()).status()).isEqualTo(204);
      assertProblem(refresh(laptop.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(account.refreshToken()).status()).isEqualTo(200);
      assertThat(Accounts.audits("session.revoked", laptop.sessionId())).isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_accounts_session_an_ended_one_or_none() {
      Accounts.Account stranger = Accounts.register();
      assertProblem(revoke(stranger.sessionId()), 404, "not_found");
      assertThat(refresh(stranger.refreshToken()).status()).isEqualTo(200);

      Accounts.Account ended = Accounts.loginTo(account, account.orgId());
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

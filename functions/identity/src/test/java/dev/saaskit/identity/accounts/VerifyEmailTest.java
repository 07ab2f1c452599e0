package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Mailbox;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerifyEmailTest {

  final TestUsers.Account account = TestUsers.register();

  static ApiResponse verify(String token) {
    return Api.post("/api/v1/verify-email").json(Map.of("token", token)).send();
  }

  @Nested
  class Ok {
    @Test
    void marks_the_address_verified_once() {
      String token = Mailbox.token(account.email(), "verify_email");
      ApiResponse r = verify(token);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("email").asString()).isEqualTo(account.email());
      assertThat(r.json().path("email_verified").asBoolean()).isTrue();
      assertThat(TestUsers.me(account.accessToken()).json().path("email_verified").asBoolean()).isTrue();
      assertThat(TestUsers.audits("user.email_verified", account.userId())).isEqualTo(1);
      assertFieldError(verify(token), "token", "already used");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void expired_forged_and_wrong_kind_tokens() {
      String token = Mailbox.token(account.email(), "verify_email");
      TestUsers.sql("update user_tokens set expires_at = now() - interval '1 second' where token_hash = ?", OpaqueTokens.hash(token));
      assertFieldError(verify(token), "token", "expired");
      assertFieldError(verify(OpaqueTokens.generate()), "token", "not valid");
      assertFieldError(verify("<script>alert(1)</script>"), "token", "not valid");
      assertFieldError(verify(account.refreshToken()), "token", "not valid");
      Api.post("/api/v1/password-reset").json(Map.of("email", account.email())).send();
      assertFieldError(verify(Mailbox.token(account.email(), "reset_password")), "token", "not valid");
      assertFieldError(Api.post("/api/v1/verify-email").json("{}").send(), "token", "is required");
      assertFieldError(verify("x".repeat(10 * 1024)), "token", "at most 200");
      assertThat(TestUsers.me(account.accessToken()).json().path("email_verified").asBoolean()).isFalse();
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_new_address_taken_by_another_account_meanwhile() {
      String wanted = TestUsers.uniqueEmail();
      Api.put("/api/v1/me").bearer(account.accessToken()).json(Map.of("email", wanted, "current_password", account.password())).send();
      String token = Mailbox.token(wanted, "verify_email");
      TestUsers.registerResponse(wanted, "correct horse battery", "Quick", "Quick Ltd");

      assertProblem(verify(token), 409, "conflict");
      assertThat(TestUsers.me(account.accessToken()).json().path("email").asString()).isEqualTo(account.email());
    }
  }
}

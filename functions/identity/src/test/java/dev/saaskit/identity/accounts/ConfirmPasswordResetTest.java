package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.login;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Mailbox;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfirmPasswordResetTest {

  static final String NEW_PASSWORD = "a brand new passphrase";

  final TestUsers.Account account = TestUsers.register();

  String resetToken() {
    Api.post("/api/v1/password-reset").json(Map.of("email", account.email())).send();
    return Mailbox.token(account.email(), "reset_password");
  }

  static ApiResponse confirm(String token, String password) {
    return Api.post("/api/v1/password-reset/confirm").json(Map.of("token", token, "password", password)).send();
  }

  @Nested
  class Ok {
    @Test
    void sets_the_password_ends_every_session_and_verifies_the_email() {
      ApiResponse r = confirm(resetToken(), NEW_PASSWORD);

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertProblem(login(account.email(), account.password()), 401, "unauthenticated");
      ApiResponse signedIn = login(account.email(), NEW_PASSWORD);
      assertThat(signedIn.status()).isEqualTo(200);
      assertThat(signedIn.json().path("user").path("email_verified").asBoolean()).isTrue();
      assertThat(TestUsers.audits("user.password_reset", account.userId())).isEqualTo(1);
    }

    @Test
    void unlocks_a_locked_email() {
      for (int i = 0; i < 5; i++) {
        login(account.email(), "wrong password!");
      }
      assertProblem(login(account.email(), account.password()), 429, "rate_limited");
      assertThat(confirm(resetToken(), NEW_PASSWORD).status()).isEqualTo(204);
      assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_token_used_once_already() {
      String token = resetToken();
      confirm(token, NEW_PASSWORD);
      assertFieldError(confirm(token, "yet another passphrase"), "token", "already used");
      assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void an_older_token_once_a_newer_one_was_used() {
      String older = resetToken();
      String newer = resetToken();
      confirm(newer, NEW_PASSWORD);
      assertFieldError(confirm(older, "yet another passphrase"), "token", "not valid");
    }

    @Test
    void expired_forged_and_wrong_kind_tokens() {
      String expired = resetToken();
      TestUsers.sql("update user_tokens set expires_at = now() - interval '1 second' where token_hash = ?", OpaqueTokens.hash(expired));
      assertFieldError(confirm(expired, NEW_PASSWORD), "token", "expired");
      assertFieldError(confirm(OpaqueTokens.generate(), NEW_PASSWORD), "token", "not valid");
      assertFieldError(confirm("' or 1=1 --", NEW_PASSWORD), "token", "not valid");
      assertFieldError(confirm(Mailbox.token(account.email(), "verify_email"), NEW_PASSWORD), "token", "not valid");
      assertFieldError(confirm(account.refreshToken(), NEW_PASSWORD), "token", "not valid");
      assertThat(login(account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void a_password_breaking_a_rule_leaves_the_token_usable() {
      String token = resetToken();
      assertFieldError(confirm(token, ""), "password", "at least 10 characters");
      assertFieldError(confirm(token, "x".repeat(10 * 1024)), "password", "at most 128 bytes");
      assertFieldError(confirm(token, account.email()), "password", "not be the email");
      assertFieldError(Api.post("/api/v1/password-reset/confirm").json(Map.of("token", token)).send(), "password", "is required");
      assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
    }
  }
}

package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.login;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangePasswordTest {

  static final String NEW_PASSWORD = "a much better passphrase";

  final TestUsers.Account account = TestUsers.register();

  ApiResponse change(Object body) {
    return Api.post("/api/v1/change-password").bearer(account.accessToken()).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void sets_the_password_and_ends_every_other_session() {
      TestUsers.Account otherDevice = TestUsers.loginTo(account, account.orgId());

      ApiResponse r = change(Map.of("current_password", account.password(), "new_password", NEW_PASSWORD));

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertProblem(refresh(otherDevice.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(account.refreshToken()).status()).isEqualTo(200);
      assertProblem(login(account.email(), account.password()), 401, "unauthenticated");
      assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
      assertThat(TestUsers.audits("user.password_changed", account.userId())).isEqualTo(1);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_wrong_current_password_changes_nothing() {
      assertFieldError(change(Map.of("current_password", "not the password", "new_password", NEW_PASSWORD)), "current_password", "is not correct");
      assertFieldError(change(Map.of("current_password", "", "new_password", NEW_PASSWORD)), "current_password", "is not correct");
      assertFieldError(change(Map.of("current_password", "x".repeat(10 * 1024), "new_password", NEW_PASSWORD)), "current_password", "is not correct");
      assertThat(login(account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void each_rule_of_the_new_password() {
      assertFieldError(change(Map.of("current_password", account.password(), "new_password", "")), "new_password", "at least 10 characters");
      assertFieldError(change(Map.of("current_password", account.password(), "new_password", "x".repeat(10 * 1024))), "new_password", "at most 128 bytes");
      assertFieldError(change(Map.of("current_password", account.password(), "new_password", account.email())), "new_password", "not be the email");
      assertFieldError(change(Map.of("current_password", account.password())), "new_password", "is required");
      assertFieldError(change("{\"current_password\": true, \"new_password\": \"" + NEW_PASSWORD + "\"}"), "current_password", "must be a string");
      assertThat(login(account.email(), account.password()).status()).isEqualTo(200);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.post("/api/v1/change-password").json(Map.of("current_password", "x", "new_password", NEW_PASSWORD)).send(),
          401, "unauthenticated");
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void five_wrong_current_passwords_lock_the_account_even_from_other_addresses() {
      for (int i = 0; i < 5; i++) {
        assertFieldError(change(Map.of("current_password", "a wrong guess", "new_password", NEW_PASSWORD)), "current_password", "is not correct");
      }

      ApiResponse locked = change(Map.of("current_password", account.password(), "new_password", NEW_PASSWORD));

      assertProblem(locked, 429, "rate_limited");
      assertThat(locked.json().path("code").asString()).isEqualTo("too_many_attempts");
      assertThat(login(account.email(), account.password()).status()).as("the password is unchanged").isEqualTo(200);
    }
  }
}

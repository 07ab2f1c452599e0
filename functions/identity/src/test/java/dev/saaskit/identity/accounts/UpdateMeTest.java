package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.me;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Mailbox;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UpdateMeTest {

  final TestUsers.Account account = TestUsers.register();

  ApiResponse update(Object body) {
    return Api.put("/api/v1/me").bearer(account.accessToken()).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void changes_only_the_fields_sent() {
      ApiResponse r = update(Map.of("full_name", "Augusta Ada King", "locale", "en-GB"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("full_name").asString()).isEqualTo("Augusta Ada King");
      assertThat(r.json().path("locale").asString()).isEqualTo("en-GB");

      JsonNode after = update(Map.of("timezone", "Europe/London")).json();
      assertThat(after.path("full_name").asString()).isEqualTo("Augusta Ada King");
      assertThat(after.path("locale").asString()).isEqualTo("en-GB");
      assertThat(after.path("timezone").asString()).isEqualTo("Europe/London");
      assertThat(TestUsers.audits("user.updated", account.userId())).isEqualTo(2);
    }

    @Test
    void a_new_email_waits_for_verification_at_the_new_address() {
      String newEmail = TestUsers.uniqueEmail();
      ApiResponse r = update(Map.of("email", newEmail.toUpperCase(), "current_password", account.password()));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("email").asString()).isEqualTo(account.email());
      assertThat(r.json().path("pending_email").asString()).isEqualTo(newEmail);
      String token = Mailbox.token(newEmail, "verify_email");

      ApiResponse verified = Api.post("/api/v1/verify-email").json(Map.of("token", token)).send();
      assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
      JsonNode profile = me(account.accessToken()).json();
      assertThat(profile.path("email").asString()).isEqualTo(newEmail);
      assertThat(profile.path("email_verified").asBoolean()).isTrue();
      assertThat(profile.path("pending_email").isNull()).isTrue();
      assertThat(TestUsers.login(newEmail, account.password()).status()).isEqualTo(200);
      assertProblem(TestUsers.login(account.email(), account.password()), 401, "unauthenticated");
      // The sign-up verification for the old address can no longer move the account back.
      String old = Mailbox.token(account.email(), "verify_email");
      assertFieldError(Api.post("/api/v1/verify-email").json(Map.of("token", old)).send(), "token", "already used");
    }

    @Test
    void a_second_change_request_replaces_the_first() {
      String first = TestUsers.uniqueEmail();
      String second = TestUsers.uniqueEmail();
      update(Map.of("email", first, "current_password", account.password()));
      update(Map.of("email", second, "current_password", account.password()));

      assertFieldError(Api.post("/api/v1/verify-email").json(Map.of("token", Mailbox.token(first, "verify_email"))).send(), "token", "already used");
      assertThat(Api.post("/api/v1/verify-email").json(Map.of("token", Mailbox.token(second, "verify_email"))).send().status()).isEqualTo(200);
      assertThat(me(account.accessToken()).json().path("email").asString()).isEqualTo(second);
    }

    @Test
    void the_current_email_again_changes_nothing() {
      Mailbox.take(account.email(), "verify_email");
      ApiResponse r = update(Map.of("email", account.email()));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("pending_email").isNull()).isTrue();
      assertThat(Mailbox.none(account.email(), "verify_email")).isTrue();
    }

    @Test
    void script_in_the_name_is_stored_as_text() {
      ApiResponse r = update(Map.of("full_name", "<img src=x onerror=alert(1)>'; --"));
      assertThat(r.json().path("full_name").asString()).isEqualTo("<img src=x onerror=alert(1)>'; --");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void each_field_rule() {
      assertFieldError(update(Map.of()), "body", "at least one of");
      assertFieldError(update(Map.of("full_name", " ")), "full_name", "must not be blank");
      assertFieldError(update(Map.of("full_name", "x".repeat(201))), "full_name", "at most 200");
      assertFieldError(update(Map.of("locale", "english please")), "locale", "language tag");
      assertFieldError(update(Map.of("timezone", "Mars/Olympus")), "timezone", "IANA time zone");
      assertFieldError(update(Map.of("timezone", "+02:00")), "timezone", "IANA time zone");
      assertFieldError(update(Map.of("email", "not an email")), "email", "email address");
      assertFieldError(update("{\"full_name\": 7}"), "full_name", "must be a string");
      assertFieldError(update("{\"email_verified\": true}"), "email_verified", "not a known field");
      assertProblem(update("{\"full_name\""), 400, "malformed_json");
      assertThat(me(account.accessToken()).json().path("full_name").asString()).isEqualTo("Ada Lovelace");
    }
  }

  @Nested
  class TakeoverFromAStolenToken {
    @Test
    void a_new_email_without_the_current_password_or_with_a_wrong_one_changes_nothing() {
      String attackers = TestUsers.uniqueEmail();

      assertFieldError(update(Map.of("email", attackers, "full_name", "Mallory")), "current_password", "is required");
      assertFieldError(update(Map.of("email", attackers, "current_password", "a wrong guess!")), "current_password", "is not correct");

      assertThat(me(account.accessToken()).json().path("pending_email").isNull()).isTrue();
      assertThat(me(account.accessToken()).json().path("full_name").asString()).isEqualTo("Ada Lovelace");
      assertThat(Mailbox.none(attackers, "verify_email")).isTrue();
    }

    @Test
    void guesses_of_the_current_password_are_throttled() {
      for (int i = 0; i < 5; i++) {
        update(Map.of("email", TestUsers.uniqueEmail(), "current_password", "a wrong guess!"));
      }
      ApiResponse r = update(Map.of("email", TestUsers.uniqueEmail(), "current_password", account.password()));
      assertProblem(r, 429, "rate_limited");
    }

    @Test
    void the_old_address_is_told_at_once_and_its_link_takes_the_change_back_and_ends_every_session() {
      String attackers = TestUsers.uniqueEmail();
      update(Map.of("email", attackers, "current_password", account.password()));
      JsonNode notice = Mailbox.take(account.email(), "email_change_requested");
      assertThat(notice.path("variables").path("new_email").asString()).isEqualTo(attackers);
      assertThat(Api.post("/api/v1/verify-email").json(Map.of("token", Mailbox.token(attackers, "verify_email"))).send().status()).isEqualTo(200);
      String reset = requestReset(attackers);

      ApiResponse reverted = Api.post("/api/v1/email-change/revert").json(Map.of("token", notice.path("variables").path("token").asString())).send();

      assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
      assertThat(reverted.json().path("email").asString()).isEqualTo(account.email());
      assertProblem(TestUsers.refresh(account.refreshToken()), 401, "unauthenticated");
      assertThat(TestUsers.login(account.email(), account.password()).status()).isEqualTo(200);
      assertFieldError(Api.post("/api/v1/password-reset/confirm").json(Map.of("token", reset, "password", "the attacker's new one")).send(),
          "token", "already used");
      assertThat(TestUsers.audits("user.email_change_reverted", account.userId())).isEqualTo(1);
    }

    @Test
    void a_revert_link_works_once() {
      update(Map.of("email", TestUsers.uniqueEmail(), "current_password", account.password()));
      String token = Mailbox.token(account.email(), "email_change_requested");
      assertThat(Api.post("/api/v1/email-change/revert").json(Map.of("token", token)).send().status()).isEqualTo(200);

      assertFieldError(Api.post("/api/v1/email-change/revert").json(Map.of("token", token)).send(), "token", "already used");
    }

    private String requestReset(String email) {
      assertThat(Api.post("/api/v1/password-reset").json(Map.of("email", email)).send().status()).isEqualTo(202);
      return Mailbox.token(email, "reset_password");
    }
  }

  @Nested
  class Conflict {
    @Test
    void an_email_another_account_uses() {
      TestUsers.Account other = TestUsers.register();
      assertProblem(update(Map.of("email", other.email(), "full_name", "Changed", "current_password", account.password())), 409, "conflict");
      assertThat(me(account.accessToken()).json().path("full_name").asString()).isEqualTo("Ada Lovelace");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.put("/api/v1/me").json(Map.of("full_name", "x")).send(), 401, "unauthenticated");
    }
  }
}

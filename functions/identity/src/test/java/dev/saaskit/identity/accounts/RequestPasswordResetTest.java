package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Mailbox;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestPasswordResetTest {

  static ApiResponse request(Object body) {
    return Api.post("/api/v1/password-reset").json(body).send();
  }

  @Nested
  class Accepted {
    @Test
    void queues_a_reset_email_for_an_account() {
      TestUsers.Account account = TestUsers.register();
      ApiResponse r = request(Map.of("email", account.email().toUpperCase()));

      assertThat(r.status()).isEqualTo(202);
      JsonNode message = Mailbox.take(account.email(), "reset_password");
      assertThat(message.path("variables").path("token").asString()).hasSize(43);
      assertThat(message.path("variables").path("full_name").asString()).isEqualTo("Ada Lovelace");
      assertThat(message.path("organization_id").isNull()).isTrue();
      assertThat(TestUsers.count("select count(*) from user_tokens where user_id = ? and purpose = 'reset_password' and expires_at <= now() + interval '1 hour'",
          account.userId())).isEqualTo(1);
      assertThat(TestUsers.audits("user.password_reset_requested", account.userId())).isEqualTo(1);
    }

    @Test
    void answers_the_same_for_an_unknown_email_which_gets_a_notice_instead_of_a_link() {
      TestUsers.Account account = TestUsers.register();
      String unknown = TestUsers.uniqueEmail();
      ApiResponse known = request(Map.of("email", account.email()));
      ApiResponse nobody = request(Map.of("email", unknown));

      assertThat(nobody.status()).isEqualTo(202);
      assertThat(nobody.body()).isEqualTo(known.body());
      assertThat(Mailbox.none(unknown, "reset_password")).isTrue();
      assertThat(Mailbox.take(unknown, "password_reset_without_account").path("variables").has("token")).isFalse();
    }

    @Test
    void a_suspended_account_gets_no_email() {
      TestUsers.Account account = TestUsers.register();
      TestUsers.sql("update users set active = false where id = ?", account.userId());
      assertThat(request(Map.of("email", account.email())).status()).isEqualTo(202);
      assertThat(Mailbox.none(account.email(), "reset_password")).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void not_an_email() {
      assertFieldError(request(Map.of("email", "'; select pg_sleep(10); --")), "email", "email address");
      assertFieldError(request(Map.of()), "email", "is required");
      assertFieldError(request("{\"email\": {\"$ne\": null}}"), "email", "must be a string");
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void a_fourth_request_for_one_address_is_refused_whether_or_not_it_has_an_account() {
      TestUsers.Account account = TestUsers.register();
      String unknown = TestUsers.uniqueEmail();
      for (int i = 0; i < 3; i++) {
        assertThat(request(Map.of("email", account.email())).status()).isEqualTo(202);
        assertThat(request(Map.of("email", unknown)).status()).isEqualTo(202);
      }

      ApiResponse known = request(Map.of("email", account.email()));
      ApiResponse nobody = request(Map.of("email", unknown));

      assertProblem(known, 429, "rate_limited");
      assertProblem(nobody, 429, "rate_limited");
      assertThat(known.json().path("code").asString()).isEqualTo(nobody.json().path("code").asString()).isEqualTo("too_many_attempts");
    }
  }
}

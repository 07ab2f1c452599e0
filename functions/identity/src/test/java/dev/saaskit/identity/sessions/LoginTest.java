package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.count;
import static dev.saaskit.identity.TestUsers.login;
import static dev.saaskit.identity.TestUsers.randomIp;
import static dev.saaskit.identity.TestUsers.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Parallel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LoginTest {

  final TestUsers.Account account = TestUsers.register();

  static ApiResponse loginTo(String email, String password, Object organizationId) {
    return Api.post("/api/v1/login").sourceIp(randomIp())
        .json(Map.of("email", email, "password", password, "organization_id", organizationId)).send();
  }

  static long failuresAudited(String email) {
    return count("select count(*) from audit_logs where action = 'user.login_failed' and details->>'email' = ?", email);
  }

  static String signInSubject(String email) {
    return "sign_in:email:" + email;
  }

  static long failures(String subject) {
    return count("select coalesce(max(failures), 0) from login_throttles where subject = ?", subject);
  }

  @Nested
  class Ok {
    @Test
    void answers_a_token_pair_the_account_and_its_organization() {
      ApiResponse r = login(account.email(), account.password());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
      assertThat(json.path("expires_in").asInt()).isEqualTo(900);
      assertThat(json.path("access_token").asString()).isNotBlank();
      assertThat(json.path("refresh_token").asString()).hasSize(43);
      assertThat(json.path("user").path("id").asString()).isEqualTo(account.userId().toString());
      assertThat(json.path("user").has("password_hash")).isFalse();
      assertThat(json.path("organization").path("id").asString()).isEqualTo(account.orgId().toString());
      assertThat(TestUsers.me(json.path("access_token").asString()).status()).isEqualTo(200);
      assertThat(count("select count(*) from audit_logs where action = 'user.login' and actor_user_id = ?", account.userId())).isEqualTo(1);
    }

    @Test
    void scopes_the_token_to_the_organization_asked_for() {
      TestUsers.Account other = TestUsers.register();
      sql("insert into organization_members (organization_id, user_id, role) values (?, ?, 'billing_admin')", other.orgId(), account.userId());

      ApiResponse r = loginTo(account.email(), account.password(), other.orgId().toString());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("organization").path("id").asString()).isEqualTo(other.orgId().toString());
      assertThat(r.json().path("organization").path("role").asString()).isEqualTo("billing_admin");
      assertThat(TestUsers.me(r.json().path("access_token").asString()).json().path("role").asString()).isEqualTo("billing_admin");
    }

    @Test
    void the_access_token_lifetime_is_configurable() throws Exception {
      ApiResponse r = Api.post("/api/v1/login").sourceIp(randomIp())
          .json(Map.of("email", account.email(), "password", account.password()))
          .sendToNewContainer(Map.of("ACCESS_TOKEN_TTL_SECONDS", "60"));

      assertThat(r.json().path("expires_in").asInt()).isEqualTo(60);
      var claims = com.nimbusds.jwt.SignedJWT.parse(r.json().path("access_token").asString()).getJWTClaimsSet();
      assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
    }

    @Test
    void without_an_organization_it_passes_over_a_deleted_one() {
      TestUsers.Account newer = TestUsers.register();
      sql("insert into organization_members (organization_id, user_id, role) values (?, ?, 'user')", newer.orgId(), account.userId());
      sql("update organizations set deleted_at = now() where id = ?", account.orgId());

      ApiResponse r = login(account.email(), account.password());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("organization").path("id").asString()).isEqualTo(newer.orgId().toString());
    }

    @Test
    void the_email_matches_in_any_case() {
      assertThat(login(account.email().toUpperCase(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void success_clears_the_emails_failures() {
      String ip = randomIp();
      for (int i = 0; i < 4; i++) {
        login(account.email(), "wrong password!", ip);
      }
      assertThat(login(account.email(), account.password(), ip).status()).isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        assertProblem(login(account.email(), "wrong password!", ip), 401, "unauthenticated");
      }
      assertThat(login(account.email(), account.password(), ip).status()).isEqualTo(200);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_answer_and_both_are_audited() {
      String unknown = TestUsers.uniqueEmail();
      ApiResponse wrong = assertProblem(login(account.email(), "not the password"), 401, "unauthenticated");
      ApiResponse nobody = assertProblem(login(unknown, "not the password"), 401, "unauthenticated");

      assertThat(wrong.json().path("detail").asString()).isEqualTo(nobody.json().path("detail").asString());
      assertThat(failuresAudited(account.email())).isEqualTo(1);
      assertThat(failuresAudited(unknown)).isEqualTo(1);
      assertThat(failures(signInSubject(account.email()))).isEqualTo(1);
    }

    @Test
    void a_suspended_or_deleted_account_is_a_wrong_password() {
      sql("update users set active = false where id = ?", account.userId());
      assertProblem(login(account.email(), account.password()), 401, "unauthenticated");
      sql("update users set active = true, deleted_at = now() where id = ?", account.userId());
      assertProblem(login(account.email(), account.password()), 401, "unauthenticated");
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void five_failures_lock_the_email_whatever_the_password_or_ip() {
      for (int i = 0; i < 5; i++) {
        assertProblem(login(account.email(), "wrong password!"), 401, "unauthenticated");
      }
      ApiResponse locked = assertProblem(login(account.email(), account.password()), 429, "rate_limited");

      assertThat(Integer.parseInt(locked.header("retry-after"))).isBetween(1, 60);
      assertThat(locked.json().path("detail").asString()).doesNotContain(account.email());
      assertThat(failuresAudited(account.email())).isEqualTo(5);
    }

    @Test
    void an_unknown_email_locks_the_same_way() {
      String unknown = TestUsers.uniqueEmail();
      for (int i = 0; i < 5; i++) {
        assertProblem(login(unknown, "wrong password!"), 401, "unauthenticated");
      }
      assertProblem(login(unknown, "wrong password!"), 429, "rate_limited");
    }

    @Test
    void each_failure_after_a_lock_doubles_it() {
      String subject = signInSubject(account.email());
      for (int i = 0; i < 5; i++) {
        login(account.email(), "wrong password!");
      }
      long first = count("select extract(epoch from locked_until - last_failure_at)::bigint from login_throttles where subject = ?", subject);
      // The lock ends: the next failure locks again, twice as long.
      sql("update login_throttles set locked_until = now() - interval '1 second' where subject = ?", subject);
      assertProblem(login(account.email(), "wrong password!"), 401, "unauthenticated");
      long second = count("select extract(epoch from locked_until - last_failure_at)::bigint from login_throttles where subject = ?", subject);

      assertThat(first).isEqualTo(60);
      assertThat(second).isEqualTo(120);
      assertProblem(login(account.email(), account.password()), 429, "rate_limited");
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
      String subject = signInSubject(account.email());
      for (int i = 0; i < 4; i++) {
        login(account.email(), "wrong password!");
      }
      sql("update login_throttles set last_failure_at = now() - interval '16 minutes' where subject = ?", subject);
      assertProblem(login(account.email(), "wrong password!"), 401, "unauthenticated");

      assertThat(failures(subject)).isEqualTo(1);
      assertThat(login(account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void parallel_wrong_passwords_get_no_more_verdicts_than_the_threshold() {
      List<ApiResponse> answers = Parallel.send("login", 4, 3,
          () -> Api.post("/api/v1/login").sourceIp(randomIp()).json(Map.of("email", account.email(), "password", "wrong password!")));

      assertThat(answers.stream().filter(r -> r.status() == 401)).hasSize(5);
      assertThat(answers.stream().filter(r -> r.status() == 429)).hasSize(7)
          .allSatisfy(r -> assertThat(r.json().path("code").asString()).isEqualTo("too_many_attempts"));
      assertThat(failuresAudited(account.email())).isEqualTo(5);
    }

    @Test
    void successful_sign_ins_from_one_address_never_add_up_to_a_lock() {
      String ip = randomIp();
      for (int i = 0; i < 25; i++) {
        assertThat(login(account.email(), account.password(), ip).status()).isEqualTo(200);
      }
      assertThat(failures("sign_in:ip:" + ip)).isZero();
    }

    @Test
    void twenty_failures_from_one_ip_lock_that_ip_for_every_email() {
      String ip = randomIp();
      for (int i = 0; i < 20; i++) {
        login(TestUsers.uniqueEmail(), "wrong password!", ip);
      }
      assertProblem(login(account.email(), account.password(), ip), 429, "rate_limited");
      assertThat(login(account.email(), account.password(), randomIp()).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void each_field_rule() {
      assertFieldError(login("not-an-email", "whatever password"), "email", "must be an email address");
      assertFieldError(login(account.email(), ""), "password", "must not be empty");
      assertFieldError(login(account.email(), "x".repeat(10 * 1024)), "password", "at most 128 bytes");
      assertFieldError(Api.post("/api/v1/login").json("{\"email\": \"" + account.email() + "\"}").send(), "password", "is required");
      assertFieldError(loginTo(account.email(), account.password(), "not-a-uuid"), "organization_id", "must be a UUID");
      assertFieldError(Api.post("/api/v1/login").json("{\"email\": \"a@b.co\", \"password\": 1234567890}").send(), "password", "must be a string");
      assertProblem(Api.post("/api/v1/login").json("{\"email\": \"a@b.co\", \"password\": ").send(), 400, "malformed_json");
      assertThat(failuresAudited(account.email())).isZero();
    }

    @Test
    void sql_meta_characters_in_the_email_are_an_unknown_email() {
      assertProblem(login("x'or'1'='1'--@example.com", "' or '1'='1"), 401, "unauthenticated");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_organization_the_account_is_not_an_active_member_of() {
      TestUsers.Account stranger = TestUsers.register();
      assertProblem(loginTo(account.email(), account.password(), stranger.orgId().toString()), 404, "not_found");
      assertProblem(loginTo(account.email(), account.password(), UUID.randomUUID().toString()), 404, "not_found");

      sql("update organization_members set active = false where user_id = ?", account.userId());
      assertProblem(loginTo(account.email(), account.password(), account.orgId().toString()), 404, "not_found");
    }

    @Test
    void a_deleted_organization() {
      sql("update organizations set deleted_at = now() where id = ?", account.orgId());

      assertProblem(loginTo(account.email(), account.password(), account.orgId().toString()), 404, "not_found");
      assertThat(count("select count(*) from sessions where user_id = ? and organization_id = ? and id <> ?",
          account.userId(), account.orgId(), account.sessionId())).isZero();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void an_account_in_no_organization() {
      sql("delete from organization_members where user_id = ?", account.userId());
      assertProblem(login(account.email(), account.password()), 403, "forbidden");
    }

    @Test
    void an_account_whose_only_organization_is_deleted() {
      sql("update organizations set deleted_at = now() where id = ?", account.orgId());
      assertProblem(login(account.email(), account.password()), 403, "forbidden");
    }

    @Test
    void a_super_admin_token_carries_the_platform_role() {
      TestUsers.Account admin = TestUsers.superAdmin();
      assertThat(TestUsers.me(admin.accessToken()).json().path("platform_roles").get(0).asString()).isEqualTo(Role.SUPER_ADMIN.code());
    }
  }
}

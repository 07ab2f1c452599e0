package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.count;
import static dev.saaskit.identity.TestUsers.refresh;
import static dev.saaskit.identity.TestUsers.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RefreshTest {

  final TestUsers.Account account = TestUsers.register();

  /** Moves the token's rotation back in time, past or within the grace window. */
  static void usedSecondsAgo(String refreshToken, int seconds) {
    sql("update refresh_tokens set used_at = now() - make_interval(secs => ?) where token_hash = ?", seconds, OpaqueTokens.hash(refreshToken));
  }

  static boolean revoked(UUID session) {
    return count("select count(*) from sessions where id = ? and revoked_at is not null", session) == 1;
  }

  @Nested
  class Ok {
    @Test
    void rotates_the_token_in_the_same_session() {
      ApiResponse r = refresh(account.refreshToken());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
      assertThat(json.path("expires_in").asInt()).isEqualTo(900);
      assertThat(json.path("refresh_token").asString()).hasSize(43).isNotEqualTo(account.refreshToken());
      assertThat(TestUsers.sessionOf(json.path("access_token").asString())).isEqualTo(account.sessionId());
      assertThat(TestUsers.me(json.path("access_token").asString()).status()).isEqualTo(200);
      assertThat(count("select count(*) from refresh_tokens where token_hash = ? and used_at is not null",
          OpaqueTokens.hash(account.refreshToken()))).isEqualTo(1);
      assertThat(refresh(json.path("refresh_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void the_same_token_within_the_grace_window_gets_the_same_successor_so_the_session_never_branches() {
      ApiResponse first = refresh(account.refreshToken());
      ApiResponse again = refresh(account.refreshToken());

      assertThat(again.status()).as(again.toString()).isEqualTo(200);
      assertThat(again.json().path("refresh_token").asString()).isEqualTo(first.json().path("refresh_token").asString());
      assertThat(again.json().path("access_token").asString()).isNotEqualTo(first.json().path("access_token").asString());
      assertThat(count("select count(*) from refresh_tokens where session_id = ? and used_at is null", account.sessionId()))
          .as("one live refresh token in the family").isEqualTo(1);
      assertThat(TestUsers.sessionOf(again.json().path("access_token").asString())).isEqualTo(account.sessionId());
      assertThat(refresh(first.json().path("refresh_token").asString()).status()).isEqualTo(200);
      assertThat(refresh(again.json().path("refresh_token").asString()).status()).isEqualTo(200);
      assertThat(count("select count(*) from sessions where user_id = ?", account.userId())).isEqualTo(1);
    }

    @Test
    void two_containers_refreshing_the_same_token_at_once_stay_in_one_session() {
      var first = Lambda.coldStart("refresh");
      var second = Lambda.coldStart("refresh");
      var request = Api.post("/api/v1/refresh").json(Map.of("refresh_token", account.refreshToken()));
      var a = CompletableFuture.supplyAsync(() -> request.sendTo(first));
      var b = CompletableFuture.supplyAsync(() -> request.sendTo(second));
      ApiResponse ra = a.join();
      ApiResponse rb = b.join();

      assertThat(ra.status()).as(ra.toString()).isEqualTo(200);
      assertThat(rb.status()).as(rb.toString()).isEqualTo(200);
      assertThat(TestUsers.sessionOf(ra.json().path("access_token").asString())).isEqualTo(account.sessionId());
      assertThat(TestUsers.sessionOf(rb.json().path("access_token").asString())).isEqualTo(account.sessionId());
      assertThat(count("select count(*) from sessions where user_id = ?", account.userId())).isEqualTo(1);

      // Reuse after the grace window ends the one session: both racers' tokens die with it.
      usedSecondsAgo(account.refreshToken(), 11);
      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertProblem(refresh(ra.json().path("refresh_token").asString()), 401, "unauthenticated");
      assertProblem(refresh(rb.json().path("refresh_token").asString()), 401, "unauthenticated");
    }

    @Test
    void refreshing_never_carries_a_session_past_its_end_of_life() {
      sql("update sessions set max_expires_at = now() + interval '1 day' where id = ?", account.sessionId());

      ApiResponse r = refresh(account.refreshToken());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(count("select count(*) from refresh_tokens t join sessions s on s.id = t.session_id"
          + " where t.token_hash = ? and t.expires_at <= s.max_expires_at and s.expires_at <= s.max_expires_at",
          OpaqueTokens.hash(r.json().path("refresh_token").asString()))).isEqualTo(1);
    }

    @Test
    void a_role_changed_meanwhile_is_in_the_new_access_token() {
      sql("update organization_members set role = 'billing_admin' where user_id = ?", account.userId());
      ApiResponse r = refresh(account.refreshToken());
      assertThat(TestUsers.me(r.json().path("access_token").asString()).json().path("role").asString()).isEqualTo("billing_admin");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void reuse_after_the_grace_window_revokes_the_whole_session_and_is_audited() {
      String rotated = refresh(account.refreshToken()).json().path("refresh_token").asString();
      usedSecondsAgo(account.refreshToken(), 11);

      ApiResponse r = assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");

      assertThat(r.json().path("detail").asString()).contains("already used");
      assertThat(revoked(account.sessionId())).isTrue();
      assertThat(TestUsers.audits("session.refresh_token_reused", account.sessionId())).isEqualTo(1);
      assertProblem(refresh(rotated), 401, "unauthenticated");
    }

    @Test
    void the_grace_window_is_configurable() {
      refresh(account.refreshToken());
      ApiResponse r = Api.post("/api/v1/refresh").json(Map.of("refresh_token", account.refreshToken()))
          .sendToNewContainer(Map.of("REFRESH_REUSE_GRACE_SECONDS", "0"));
      assertProblem(r, 401, "unauthenticated");
      assertThat(revoked(account.sessionId())).isTrue();
    }

    @Test
    void a_session_past_its_end_of_life_refreshes_no_more() {
      sql("update sessions set max_expires_at = now() - interval '1 second', expires_at = now() - interval '1 second' where id = ?",
          account.sessionId());

      ApiResponse r = assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");

      assertThat(r.json().path("code").asString()).isEqualTo("refresh_token_expired");
    }

    @Test
    void an_expired_token() {
      sql("update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = ?", OpaqueTokens.hash(account.refreshToken()));
      assertThat(assertProblem(refresh(account.refreshToken()), 401, "unauthenticated").json().path("detail").asString()).contains("expired");
    }

    @Test
    void a_token_of_an_ended_session() {
      Api.post("/api/v1/logout").bearer(account.accessToken()).send();
      assertThat(assertProblem(refresh(account.refreshToken()), 401, "unauthenticated").json().path("detail").asString()).contains("ended");
    }

    @Test
    void forged_and_malformed_tokens() {
      assertProblem(refresh(OpaqueTokens.generate()), 401, "unauthenticated");
      assertProblem(refresh("' or 1=1 --"), 401, "unauthenticated");
      assertProblem(refresh(account.refreshToken().substring(1) + "!"), 401, "unauthenticated");
      assertProblem(refresh(account.accessToken().substring(0, 150)), 401, "unauthenticated");
      assertThat(revoked(account.sessionId())).isFalse();
    }

    @Test
    void a_member_removed_or_an_account_deleted_loses_the_session() {
      sql("delete from organization_members where user_id = ?", account.userId());
      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertThat(revoked(account.sessionId())).isTrue();

      TestUsers.Account other = TestUsers.register();
      sql("update users set deleted_at = now() where id = ?", other.userId());
      assertProblem(refresh(other.refreshToken()), 401, "unauthenticated");
      assertThat(revoked(other.sessionId())).isTrue();
    }

    @Test
    void a_session_in_a_deleted_organization_ends() {
      sql("update organizations set deleted_at = now() where id = ?", account.orgId());

      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertThat(revoked(account.sessionId())).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_missing_empty_oversized_or_mistyped_token() {
      assertFieldError(Api.post("/api/v1/refresh").json("{}").send(), "refresh_token", "is required");
      assertFieldError(refresh(""), "refresh_token", "must not be blank");
      assertFieldError(refresh("x".repeat(10 * 1024)), "refresh_token", "at most 200");
      assertFieldError(Api.post("/api/v1/refresh").json("{\"refresh_token\": 42}").send(), "refresh_token", "must be a string");
      assertProblem(Api.post("/api/v1/refresh").json("{").send(), 400, "malformed_json");
    }
  }
}

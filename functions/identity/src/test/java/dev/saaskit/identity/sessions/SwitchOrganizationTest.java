package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.refresh;
import static dev.saaskit.identity.TestUsers.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SwitchOrganizationTest {

  final TestUsers.Account account = TestUsers.register();
  final TestUsers.Account other = TestUsers.register();

  ApiResponse switchTo(Object organizationId) {
    return Api.post("/api/v1/token/switch").bearer(account.accessToken()).json(Map.of("organization_id", organizationId)).send();
  }

  void join(UUID org, String role, boolean active) {
    sql("insert into organization_members (organization_id, user_id, role, active) values (?, ?, ?, ?)", org, account.userId(), role, active);
  }

  @Nested
  class Ok {
    @Test
    void a_new_session_scoped_to_the_other_organization_replaces_the_current_one() {
      join(other.orgId(), "user", true);

      ApiResponse r = switchTo(other.orgId().toString());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("organization").path("id").asString()).isEqualTo(other.orgId().toString());
      assertThat(r.json().path("organization").path("role").asString()).isEqualTo("user");
      String access = r.json().path("access_token").asString();
      assertThat(TestUsers.sessionOf(access)).isNotEqualTo(account.sessionId());
      assertThat(TestUsers.me(access).json().path("organization_id").asString()).isEqualTo(other.orgId().toString());
      assertProblem(refresh(account.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(r.json().path("refresh_token").asString()).status()).isEqualTo(200);
      assertThat(TestUsers.count("select count(*) from audit_logs where action = 'user.organization_switched' and organization_id = ?",
          other.orgId())).isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_organization_the_account_is_not_an_active_member_of() {
      assertProblem(switchTo(other.orgId().toString()), 404, "not_found");
      assertProblem(switchTo(UUID.randomUUID().toString()), 404, "not_found");
      join(other.orgId(), "user", false);
      assertProblem(switchTo(other.orgId().toString()), 404, "not_found");
      assertThat(refresh(account.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void a_deleted_organization_the_account_is_a_member_of() {
      join(other.orgId(), "user", true);
      sql("update organizations set deleted_at = now() where id = ?", other.orgId());

      assertProblem(switchTo(other.orgId().toString()), 404, "not_found");
      assertThat(TestUsers.count("select count(*) from sessions where user_id = ? and organization_id = ?", account.userId(), other.orgId()))
          .isZero();
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void an_access_token_whose_session_has_ended() {
      join(other.orgId(), "user", true);
      Api.post("/api/v1/logout").bearer(account.accessToken()).send();
      assertProblem(switchTo(other.orgId().toString()), 401, "unauthenticated");
    }

    @Test
    void a_token_of_no_session_or_none_at_all() {
      String sessionless = TestTokens.get().accessToken(account.userId(), account.orgId(), Role.ORG_ADMIN);
      assertProblem(Api.post("/api/v1/token/switch").bearer(sessionless).json(Map.of("organization_id", other.orgId().toString())).send(),
          401, "unauthenticated");
      assertProblem(Api.post("/api/v1/token/switch").json(Map.of("organization_id", other.orgId().toString())).send(), 401, "unauthenticated");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_missing_or_malformed_organization_id() {
      assertFieldError(Api.post("/api/v1/token/switch").bearer(account.accessToken()).json("{}").send(), "organization_id", "is required");
      assertFieldError(switchTo("'; drop table sessions; --"), "organization_id", "must be a UUID");
      assertFieldError(switchTo(42), "organization_id", "must be a UUID");
    }
  }
}

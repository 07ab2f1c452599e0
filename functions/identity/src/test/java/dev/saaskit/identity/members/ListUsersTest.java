package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListUsersTest {

  final TestUsers.Account admin = TestUsers.register();
  final TestUsers.Account member = TestUsers.memberOf(admin.orgId(), Role.USER);
  final TestUsers.Account stranger = TestUsers.register();

  static ApiResponse list(TestUsers.Account who, String query) {
    return Api.get("/api/v1/users" + query).bearer(who.accessToken()).send();
  }

  static List<String> ids(ApiResponse r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().path("data").forEach(u -> ids.add(u.path("id").asString()));
    return ids;
  }

  static String q(String text) {
    return "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Nested
  class Ok {
    @Test
    void an_org_admin_sees_the_members_of_its_organization_only() {
      ApiResponse r = list(admin, "");

      assertThat(ids(r)).containsExactly(admin.userId().toString(), member.userId().toString());
      JsonNode first = r.json().path("data").get(0);
      assertThat(first.path("email").asString()).isEqualTo(admin.email());
      assertThat(first.path("membership").path("organization_id").asString()).isEqualTo(admin.orgId().toString());
      assertThat(first.path("membership").path("role").asString()).isEqualTo("org_admin");
      assertThat(first.path("membership").path("active").asBoolean()).isTrue();
      assertThat(first.has("password_hash")).isFalse();
    }

    @Test
    void searches_email_and_name_with_wildcards_taken_literally() {
      TestUsers.sql("update users set full_name = 'Grace 100% Hopper_x' where id = ?", member.userId());

      assertThat(ids(list(admin, q(member.email().substring(0, 20).toUpperCase())))).containsExactly(member.userId().toString());
      assertThat(ids(list(admin, q("100% hopper_")))).containsExactly(member.userId().toString());
      assertThat(ids(list(admin, q("%")))).containsExactly(member.userId().toString());
      assertThat(ids(list(admin, q("_")))).containsExactly(member.userId().toString());
      assertThat(ids(list(admin, q("' or 1=1 --")))).isEmpty();
      assertThat(ids(list(admin, q(stranger.email())))).isEmpty();
    }

    @Test
    void a_super_admin_sees_every_account_or_one_organizations_members() {
      TestUsers.Account root = TestUsers.superAdmin();

      assertThat(ids(list(root, q(stranger.email())))).containsExactly(stranger.userId().toString());
      assertThat(ids(list(root, "?organization_id=" + admin.orgId())))
          .containsExactly(admin.userId().toString(), member.userId().toString());
      JsonNode outsider = list(root, q(stranger.email())).json().path("data").get(0);
      assertThat(outsider.path("membership").isNull()).isTrue();
    }

    @Test
    void pages_with_a_cursor() {
      ApiResponse first = list(admin, "?limit=1");
      ApiResponse second = list(admin, "?limit=1&cursor=" + first.json().path("next_cursor").asString());
      assertThat(ids(first)).containsExactly(admin.userId().toString());
      assertThat(ids(second)).containsExactly(member.userId().toString());
      assertThat(second.json().path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_user_or_billing_admin() {
      assertProblem(list(member, ""), 403, "forbidden");
      assertProblem(list(TestUsers.memberOf(admin.orgId(), Role.BILLING_ADMIN), ""), 403, "forbidden");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_org_admin_asking_for_another_organization() {
      assertProblem(list(admin, "?organization_id=" + stranger.orgId()), 404, "not_found");
      assertThat(ids(list(admin, "?organization_id=" + admin.orgId()))).hasSize(2);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void bad_parameters() {
      assertProblem(list(admin, "?organization_id=nope"), 400, "invalid_parameter");
      assertProblem(list(admin, "?limit=1000"), 400, "invalid_parameter");
      assertProblem(list(admin, q("x".repeat(201))), 400, "invalid_parameter");
      assertProblem(list(admin, "?cursor=" + UUID.randomUUID()), 400, "invalid_parameter");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.get("/api/v1/users").send(), 401, "unauthenticated");
    }
  }
}

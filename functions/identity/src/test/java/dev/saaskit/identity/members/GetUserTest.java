package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetUserTest {

  final TestUsers.Account admin = TestUsers.register();
  final TestUsers.Account member = TestUsers.memberOf(admin.orgId(), Role.BILLING_ADMIN);
  final TestUsers.Account stranger = TestUsers.register();

  static ApiResponse get(TestUsers.Account who, Object id) {
    return Api.get("/api/v1/users/" + id).bearer(who.accessToken()).send();
  }

  @Nested
  class Ok {
    @Test
    void an_org_admin_reads_a_member() {
      ApiResponse r = get(admin, member.userId());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("email").asString()).isEqualTo(member.email());
      assertThat(r.json().path("membership").path("role").asString()).isEqualTo("billing_admin");
    }

    @Test
    void a_super_admin_reads_anyone() {
      ApiResponse r = get(TestUsers.superAdmin(), stranger.userId());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("membership").isNull()).isTrue();
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_user_a_deleted_one_or_nobody() {
      assertProblem(get(admin, stranger.userId()), 404, "not_found");
      TestUsers.sql("update users set deleted_at = now() where id = ?", member.userId());
      assertProblem(get(admin, member.userId()), 404, "not_found");
      assertProblem(get(admin, UUID.randomUUID()), 404, "not_found");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_without_the_admin_role_even_for_itself() {
      assertProblem(get(member, member.userId()), 403, "forbidden");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertProblem(get(admin, "1;select"), 400, "invalid_parameter");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void without_a_token() {
      assertProblem(Api.get("/api/v1/users/" + member.userId()).send(), 401, "unauthenticated");
    }
  }
}

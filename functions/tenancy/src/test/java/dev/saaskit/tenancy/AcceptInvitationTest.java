package dev.saaskit.tenancy;

import static dev.saaskit.tenancy.Fixtures.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.OpaqueTokens;
import dev.saaskit.shared.identity.Passwords;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AcceptInvitationTest {

  static final String PASSWORD = "correct horse battery";

  final Tenant tenant = Tenant.create();
  final String email = CreateInvitationTest.newEmail();
  final String token = Fixtures.invitation(tenant, email, Role.BILLING_ADMIN, Instant.now().plusSeconds(3600));

  static ApiResponse accept(Object body) {
    return Api.post("/api/v1/invitations/accept").json(body).send();
  }

  ApiResponse acceptAsNewUser() {
    return accept(Map.of("token", token, "password", PASSWORD, "full_name", "Nova Newcomer"));
  }

  int accounts() {
    return Fixtures.count("select count(*) from users where email = ?", email);
  }

  int used() {
    return Fixtures.count("select count(*) from invitations where token_hash = ? and accepted_at is not null", OpaqueTokens.hash(token));
  }

  /** A token of a user with the invited email, signed in to another organization. */
  String signedInInvitee() {
    UUID user = Fixtures.user(email);
    return Fixtures.memberToken(Tenant.create(), user, Role.USER);
  }

  @Nested
  class Created {
    @Test
    void an_account_and_the_membership_for_an_invitee_without_one() {
      ApiResponse r = acceptAsNewUser();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("account_created").asBoolean()).isTrue();
      assertThat(r.json().path("membership").path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(r.json().path("membership").path("organization_slug").asString()).isEqualTo(tenant.slug());
      assertThat(r.json().path("membership").path("role").asString()).isEqualTo("billing_admin");
      assertThat(r.json().path("user").path("email").asString()).isEqualTo(email);
      assertThat(r.json().path("user").path("full_name").asString()).isEqualTo("Nova Newcomer");
      UUID user = UUID.fromString(r.json().path("user").path("id").asString());

      Map<String, Object> row = Fixtures.db().withHandle(h -> h.createQuery(
          "select password_hash, email_verified_at is not null as verified from users where id = ?").bind(0, user).mapToMap().one());
      assertThat((Boolean) row.get("verified")).isTrue();
      // Hashed as the auth domain's sign-in checks it.
      assertThat(Passwords.matches(PASSWORD, (String) row.get("password_hash"))).isTrue();
      assertThat(Fixtures.role(tenant, user)).isEqualTo("billing_admin");
      assertThat(used()).isEqualTo(1);
      assertThat(Fixtures.audit(tenant.organizationId(), "user.created")).hasSize(1);
      assertThat(Fixtures.audit(tenant.organizationId(), "invitation.accepted")).hasSize(1);
    }

    @Test
    void a_password_of_up_to_128_bytes_counts_in_full() {
      String password = "p".repeat(100) + "\u00e9".repeat(14);

      ApiResponse r = accept(Map.of("token", token, "password", password, "full_name", "Nova Newcomer"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      String hash = Fixtures.db().withHandle(h -> h.createQuery("select password_hash from users where email = ?")
          .bind(0, email).mapTo(String.class).one());
      assertThat(Passwords.matches(password, hash)).isTrue();
      assertThat(Passwords.matches("p".repeat(100) + "\u00e9".repeat(13) + "e", hash)).isFalse();
    }

    @Test
    void the_membership_for_the_signed_in_invitee() {
      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(signedInInvitee()).json(Map.of("token", token)).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("account_created").asBoolean()).isFalse();
      assertThat(r.json().path("user").path("email").asString()).isEqualTo(email);
      assertThat(accounts()).isEqualTo(1);
      assertThat(used()).isEqualTo(1);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_token_used_before() {
      acceptAsNewUser();

      ApiResponse r = acceptAsNewUser();

      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("detail").asString()).contains("already used");
      assertThat(accounts()).isEqualTo(1);
    }

    @Test
    void a_revoked_token() {
      Fixtures.db().useHandle(h -> h.execute("update invitations set revoked_at = now() where id = ?", Fixtures.invitationId(token)));

      assertProblem(acceptAsNewUser(), 409, "conflict");
      assertThat(accounts()).isZero();
    }

    @Test
    void an_expired_token() {
      Fixtures.db().useHandle(h -> h.execute("update invitations set expires_at = now() - interval '1 second' where id = ?",
          Fixtures.invitationId(token)));

      ApiResponse r = acceptAsNewUser();

      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("detail").asString()).contains("expired");
      assertThat(accounts()).isZero();
      assertThat(used()).isZero();
    }

    @Test
    void a_signed_in_invitee_who_is_a_member_already() {
      String memberEmail = Fixtures.email(tenant, Role.USER);
      String again = Fixtures.invitation(tenant, memberEmail, Role.ORG_ADMIN, Instant.now().plusSeconds(3600));

      assertProblem(Api.post("/api/v1/invitations/accept").bearer(tenant.token(Role.USER)).json(Map.of("token", again)).send(), 409, "conflict");
      assertThat(Fixtures.role(tenant, tenant.member(Role.USER))).isEqualTo("user");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_signed_in_user_with_another_email() {
      Tenant other = Tenant.create();

      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(other.token(Role.USER)).json(Map.of("token", token)).send();

      assertProblem(r, 403, "forbidden");
      assertThat(Fixtures.role(tenant, other.member(Role.USER))).isNull();
      assertThat(used()).isZero();
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void anonymous_when_the_invited_email_has_an_account() {
      Fixtures.user(email);

      ApiResponse r = acceptAsNewUser();

      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).contains("sign in");
      assertThat(accounts()).isEqualTo(1);
      assertThat(used()).isZero();
    }

    @Test
    void a_token_that_is_not_valid() {
      String forged = TestTokens.sign(TestTokens.get().claims(UUID.randomUUID(), tenant.organizationId(), Role.USER, java.util.Set.of()).build(),
          TestTokens.generate("other-key"), dev.saaskit.shared.identity.AccessTokens.TYPE);
      assertProblem(Api.post("/api/v1/invitations/accept").bearer(forged).json(Map.of("token", token)).send(), 401, "unauthenticated");
      assertThat(used()).isZero();
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_token_no_invitation_has() {
      assertProblem(accept(Map.of("token", OpaqueTokens.generate(), "password", PASSWORD, "full_name", "Nobody")), 404, "not_found");
    }

    @Test
    void an_invitation_of_a_deleted_organization() {
      Fixtures.db().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));

      assertProblem(acceptAsNewUser(), 404, "not_found");
      assertThat(accounts()).isZero();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_malformed_token() {
      assertProblem(accept(Map.of("token", "short")), 400, "validation_failed");
      assertProblem(accept(Map.of("token", token.substring(1) + "!")), 400, "validation_failed");
      assertProblem(accept(Map.of()), 400, "validation_failed");
    }

    @Test
    void a_new_account_without_a_password_or_name_writes_nothing() {
      assertProblem(accept(Map.of("token", token)), 400, "validation_failed");
      assertProblem(accept(Map.of("token", token, "password", PASSWORD)), 400, "validation_failed");
      assertProblem(accept(Map.of("token", token, "password", "short", "full_name", "Nova")), 400, "validation_failed");
      assertProblem(accept(Map.of("token", token, "password", "x".repeat(Passwords.MAX_BYTES + 1), "full_name", "Nova")), 400, "validation_failed");
      assertProblem(accept(Map.of("token", token, "password", email.toUpperCase(), "full_name", "Nova")), 400, "validation_failed");

      assertThat(accounts()).isZero();
      assertThat(used()).isZero();
      assertThat(Fixtures.count("select count(*) from organization_members where organization_id = ?", tenant.organizationId())).isEqualTo(3);
    }

    @Test
    void a_password_from_a_signed_in_invitee() {
      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(signedInInvitee())
          .json(Map.of("token", token, "password", PASSWORD)).send();

      assertProblem(r, 400, "validation_failed");
      assertThat(used()).isZero();
    }
  }

  @Nested
  class PaymentRequired {
    @Test
    void when_the_organization_is_full() {
      Fixtures.memberToken(tenant, Fixtures.user(CreateInvitationTest.newEmail()), Role.USER);
      Fixtures.memberToken(tenant, Fixtures.user(CreateInvitationTest.newEmail()), Role.USER);

      ApiResponse r = acceptAsNewUser();

      assertProblem(r, 402, "limit_exceeded");
      assertThat(r.json().path("limit").asString()).isEqualTo("members");
      assertThat(accounts()).isZero();
      assertThat(used()).isZero();
    }
  }
}

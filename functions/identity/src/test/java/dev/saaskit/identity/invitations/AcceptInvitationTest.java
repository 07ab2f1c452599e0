package dev.saaskit.identity.invitations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.identity.Fixtures;
import dev.saaskit.identity.accounts.Passwords;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestTokens;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

  static JWTClaimsSet claims(String accessToken) {
    try {
      return SignedJWT.parse(accessToken).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer's token pair: an access token scoped to the tenant with {@code role}, of a new session of {@code user}. */
  void assertSignedInTo(Tenant tenant, ApiResponse r, UUID user, String role) throws ParseException {
    JsonNode json = r.json();
    assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
    assertThat(json.path("expires_in").asLong()).isEqualTo(900);
    JWTClaimsSet claims = claims(json.path("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo(user.toString());
    assertThat(claims.getStringClaim("org")).isEqualTo(tenant.organizationId().toString());
    assertThat(claims.getStringClaim("org_role")).isEqualTo(role);
    UUID session = UUID.fromString(claims.getStringClaim("sid"));
    assertThat(Fixtures.count("select count(*) from sessions where id = ? and user_id = ? and organization_id = ? and revoked_at is null",
        session, user, tenant.organizationId())).isEqualTo(1);
    assertThat(Fixtures.count("select count(*) from refresh_tokens where token_hash = ? and session_id = ? and used_at is null",
        OpaqueTokens.hash(json.path("refresh_token").asString()), session)).isEqualTo(1);
    // The platform's verifier takes it: the new member reads the organization with it.
    ApiResponse organization = Api.get("/api/v1/organizations/" + tenant.organizationId()).bearer(json.path("access_token").asString()).send();
    assertThat(organization.status()).as(organization.toString()).isEqualTo(200);
  }

  @Nested
  class Created {
    @Test
    void an_account_and_the_membership_for_an_invitee_without_one() throws ParseException {
      ApiResponse r = acceptAsNewUser();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(accounts()).as("the account accepting made").isEqualTo(1);
      assertThat(r.json().path("organization").path("id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(r.json().path("organization").path("slug").asString()).isEqualTo(tenant.slug());
      assertThat(r.json().path("organization").path("role").asString()).isEqualTo("billing_admin");
      assertThat(r.json().path("user").path("email_verified").asBoolean()).isTrue();
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
      assertSignedInTo(tenant, r, user, "billing_admin");
      assertThat(claims(r.json().path("access_token").asString()).getStringListClaim("roles")).isEmpty();
    }

    @Test
    void an_idempotency_key_is_not_honoured_since_the_answer_holds_tokens() {
      String key = UUID.randomUUID().toString();
      ApiResponse r = Api.post("/api/v1/invitations/accept").idempotencyKey(key)
          .json(Map.of("token", token, "password", PASSWORD, "full_name", "Nova Newcomer")).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.header("idempotent-replayed")).isNull();
      assertThat(Fixtures.count("select count(*) from idempotency_keys where key = ?", key)).isZero();
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
    void the_membership_for_the_signed_in_invitee() throws ParseException {
      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(signedInInvitee()).json(Map.of("token", token)).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("user").path("email").asString()).isEqualTo(email);
      assertThat(accounts()).isEqualTo(1);
      assertThat(used()).isEqualTo(1);
      assertSignedInTo(tenant, r, UUID.fromString(r.json().path("user").path("id").asString()), "billing_admin");
    }

    @Test
    void the_token_pair_carries_the_platform_roles_the_account_has_now() throws ParseException {
      String invitee = signedInInvitee();
      UUID user = UUID.fromString(claims(invitee).getSubject());
      Fixtures.db().useHandle(h -> h.execute("update users set platform_roles = array['support_agent'] where id = ?", user));

      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(invitee).json(Map.of("token", token)).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(claims(r.json().path("access_token").asString()).getStringListClaim("roles")).containsExactly("support_agent");
      assertThat(Fixtures.count("select count(*) from sessions where id = ? and revoked_at is null", UUID.fromString(claims(invitee).getStringClaim("sid"))))
          .as("the session the invitee accepted from goes on").isEqualTo(1);
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

      String member = Fixtures.sessionToken(tenant, tenant.member(Role.USER), Role.USER);
      assertProblem(Api.post("/api/v1/invitations/accept").bearer(member).json(Map.of("token", again)).send(), 409, "conflict");
      assertThat(Fixtures.role(tenant, tenant.member(Role.USER))).isEqualTo("user");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_signed_in_user_with_another_email() {
      Tenant other = Tenant.create();

      String otherUser = Fixtures.sessionToken(other, other.member(Role.USER), Role.USER);
      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(otherUser).json(Map.of("token", token)).send();

      assertProblem(r, 403, "forbidden");
      assertThat(Fixtures.role(tenant, other.member(Role.USER))).isNull();
      assertThat(used()).isZero();
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void a_signed_in_invitee_whose_session_has_ended() throws ParseException {
      String invitee = signedInInvitee();
      Fixtures.db().useHandle(h -> h.execute("update sessions set revoked_at = now() where id = ?",
          UUID.fromString(claims(invitee).getStringClaim("sid"))));

      ApiResponse r = Api.post("/api/v1/invitations/accept").bearer(invitee).json(Map.of("token", token)).send();

      assertProblem(r, 401, "unauthenticated");
      assertThat(used()).isZero();
      assertThat(Fixtures.role(tenant, UUID.fromString(claims(invitee).getSubject()))).isNull();
    }

    @Test
    void a_signed_in_invitee_whose_account_is_disabled() throws ParseException {
      String invitee = signedInInvitee();
      UUID user = UUID.fromString(claims(invitee).getSubject());
      Fixtures.db().useHandle(h -> h.execute("update users set active = false where id = ?", user));

      assertProblem(Api.post("/api/v1/invitations/accept").bearer(invitee).json(Map.of("token", token)).send(), 401, "unauthenticated");
      assertThat(used()).isZero();
      assertThat(Fixtures.count("select count(*) from sessions where user_id = ? and organization_id = ?", user, tenant.organizationId())).isZero();
    }

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

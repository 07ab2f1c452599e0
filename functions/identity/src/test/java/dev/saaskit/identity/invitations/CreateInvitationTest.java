package dev.saaskit.identity.invitations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.identity.organizations.CreateOrganizationTest;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateInvitationTest {

  final Tenant tenant = Tenant.create();

  static String newEmail() {
    return "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
  }

  ApiResponse invite(String token, Object body) {
    return Api.post("/api/v1/organizations/" + tenant.organizationId() + "/invitations").bearer(token).json(body).send();
  }

  ApiResponse invite(String email, String role) {
    return invite(tenant.token(Role.ORG_ADMIN), Map.of("email", email, "role", role));
  }

  int invitations() {
    return Fixtures.count("select count(*) from invitations where organization_id = ?", tenant.organizationId());
  }

  /** The invitation emails on the notifications queue addressed to {@code to}. */
  static List<JsonNode> emailsTo(String to) {
    List<JsonNode> found = new ArrayList<>();
    for (int i = 0; i < 3 && found.isEmpty(); i++) {
      TestQueues.get().take("notifications", 1).stream().map(m -> Json.tree(m.body()))
          .filter(m -> m.path("to").asString().equals(to)).forEach(found::add);
    }
    return found;
  }

  @Nested
  class Created {
    @Test
    void stores_only_the_tokens_hash_and_emails_the_token() {
      String email = newEmail();

      ApiResponse r = invite(email, "billing_admin");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("email").asString()).isEqualTo(email);
      assertThat(r.json().path("role").asString()).isEqualTo("billing_admin");
      assertThat(r.json().path("invited_by").asString()).isEqualTo(tenant.member(Role.ORG_ADMIN).toString());
      assertThat(r.json().has("token")).isFalse();
      Instant expires = Instant.parse(r.json().path("expires_at").asString());
      Instant created = Instant.parse(r.json().path("created_at").asString());
      assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofDays(7));

      List<JsonNode> emails = emailsTo(email);
      assertThat(emails).hasSize(1);
      JsonNode message = emails.get(0);
      assertThat(message.path("template").asString()).isEqualTo("organization_invitation");
      assertThat(message.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(message.path("variables").path("organization_name").asString()).isEqualTo("Tenant " + tenant.slug());
      assertThat(message.path("variables").path("role").asString()).isEqualTo("billing_admin");
      assertThat(message.path("variables").path("invited_by").asString()).isEqualTo("org_admin of " + tenant.slug());
      String token = message.path("variables").path("token").asString();
      assertThat(token).hasSize(43);
      assertThat(Fixtures.invitationId(token).toString()).isEqualTo(r.json().path("id").asString());
      assertThat(Fixtures.count("select count(*) from invitations i where i::text like '%' || ? || '%'", token)).isZero();
      assertThat(Fixtures.count("select count(*) from outbox_messages where body like '%' || ? || '%'", token)).isZero();

      var audit = Fixtures.audit(tenant.organizationId(), "invitation.created");
      assertThat(audit).hasSize(1);
      assertThat((String) audit.get(0).get("details")).contains(email).doesNotContain(token);
    }

    @Test
    void the_email_is_stored_normalised() {
      ApiResponse r = invite("Ze\u0301ro-" + UUID.randomUUID().toString().substring(0, 6) + "@Example.TEST", "user");

      assertThat(r.json().path("email").asString()).startsWith("z\u00e9ro-").endsWith("@example.test");
    }

    @Test
    void a_super_admin_invites_the_first_org_admin_of_a_new_organization() {
      String superAdmin = Fixtures.superAdminToken();
      String org = Api.post("/api/v1/organizations").bearer(superAdmin)
          .json(Map.of("name", "Fresh", "slug", CreateOrganizationTest.slug())).send().json().path("id").asString();

      ApiResponse r = Api.post("/api/v1/organizations/" + org + "/invitations").bearer(superAdmin)
          .json(Map.of("email", newEmail(), "role", "org_admin")).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void at_an_allowed_email_domain() {
      Fixtures.db().useHandle(h -> h.execute("update organizations set allowed_email_domains = array['example.test'] where id = ?",
          tenant.organizationId()));
      assertThat(invite(newEmail(), "user").status()).isEqualTo(201);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void addresses_roles_and_domains_that_are_not_allowed() {
      assertProblem(invite("not-an-email", "user"), 400, "validation_failed");
      assertProblem(invite("a\u0000b@example.test", "user"), 400, "validation_failed");
      assertProblem(invite(newEmail(), "super_admin"), 400, "validation_failed");
      assertProblem(invite(tenant.token(Role.ORG_ADMIN), Map.of("email", newEmail())), 400, "validation_failed");
      Fixtures.db().useHandle(h -> h.execute("update organizations set allowed_email_domains = array['acme.example'] where id = ?",
          tenant.organizationId()));
      ApiResponse r = invite(newEmail(), "user");
      assertProblem(r, 400, "validation_failed");
      assertThat(r.json().path("detail").asString()).contains("acme.example");

      assertThat(invitations()).isZero();
    }
  }

  @Nested
  class Conflict {
    @Test
    void an_address_that_is_already_a_member() {
      String memberEmail = Fixtures.email(tenant, Role.USER);

      assertProblem(invite(memberEmail.toUpperCase(), "user"), 409, "conflict");

      assertThat(invitations()).isZero();
      assertThat(emailsTo(memberEmail)).isEmpty();
    }

    @Test
    void an_address_with_a_pending_invitation_until_it_is_revoked() {
      String email = newEmail();
      String first = invite(email, "user").json().path("id").asString();

      assertProblem(invite(email, "org_admin"), 409, "conflict");
      assertThat(invitations()).isEqualTo(1);

      Api.delete("/api/v1/organizations/" + tenant.organizationId() + "/invitations/" + first).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(invite(email, "org_admin").status()).isEqualTo(201);
    }
  }

  @Nested
  class PaymentRequired {
    @Test
    void when_the_plan_has_no_room_for_another_member() {
      Fixtures.memberToken(tenant, Fixtures.user(newEmail()), Role.USER);
      Fixtures.memberToken(tenant, Fixtures.user(newEmail()), Role.USER);

      ApiResponse r = invite(newEmail(), "user");

      assertProblem(r, 402, "limit_exceeded");
      assertThat(r.json().path("limit").asString()).isEqualTo("members");
      assertThat(r.json().path("value").asLong()).isEqualTo(5);
      assertThat(r.json().path("current").asLong()).isEqualTo(5);
      assertThat(invitations()).isZero();
    }
  }
}

package dev.saaskit.identity.invitations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListInvitationsTest {

  final Tenant tenant = Tenant.create();

  ApiResponse list(String token, String query) {
    return Api.get("/api/v1/organizations/" + tenant.organizationId() + "/invitations" + query).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void only_pending_invitations() {
      Instant later = Instant.now().plusSeconds(3600);
      String pending = Fixtures.invitation(tenant, "pending@example.test", Role.USER, later);
      String revoked = Fixtures.invitation(tenant, "revoked@example.test", Role.USER, later);
      String accepted = Fixtures.invitation(tenant, "accepted@example.test", Role.USER, later);
      Fixtures.invitation(tenant, "expired@example.test", Role.USER, Instant.now().minusSeconds(1));
      Fixtures.db().useHandle(h -> {
        h.execute("update invitations set revoked_at = now() where id = ?", Fixtures.invitationId(revoked));
        h.execute("update invitations set accepted_at = now() where id = ?", Fixtures.invitationId(accepted));
      });

      ApiResponse r = list(tenant.token(Role.ORG_ADMIN), "");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Fixtures.ids(r.json())).containsExactly(Fixtures.invitationId(pending).toString());
      JsonNode invitation = r.json().path("data").get(0);
      assertThat(invitation.path("email").asString()).isEqualTo("pending@example.test");
      assertThat(invitation.path("role").asString()).isEqualTo("user");
      assertThat(invitation.has("token")).isFalse();
    }

    @Test
    void a_page_at_a_time() {
      Instant later = Instant.now().plusSeconds(3600);
      Fixtures.invitation(tenant, "one@example.test", Role.USER, later);
      Fixtures.invitation(tenant, "two@example.test", Role.USER, later);

      JsonNode first = list(tenant.token(Role.ORG_ADMIN), "?limit=1").json();
      JsonNode second = list(tenant.token(Role.ORG_ADMIN), "?limit=1&cursor=" + first.path("next_cursor").asString()).json();

      assertThat(first.path("data").get(0).path("email").asString()).isEqualTo("one@example.test");
      assertThat(second.path("data").get(0).path("email").asString()).isEqualTo("two@example.test");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_invitations() {
      assertProblem(list(Tenant.create().token(Role.ORG_ADMIN), ""), 404, "not_found");
    }
  }
}

package dev.saaskit.identity.invitations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevokeInvitationTest {

  final Tenant tenant = Tenant.create();
  final String token = Fixtures.invitation(tenant, "revocable@example.test", Role.USER, Instant.now().plusSeconds(3600));
  final UUID id = Fixtures.invitationId(token);

  ApiResponse revoke(Tenant in, UUID invitation) {
    return Api.delete("/api/v1/organizations/" + in.organizationId() + "/invitations/" + invitation).bearer(in.token(Role.ORG_ADMIN)).send();
  }

  int revoked() {
    return Fixtures.count("select count(*) from invitations where id = ? and revoked_at is not null", id);
  }

  @Nested
  class Ok {
    @Test
    void revokes_and_audits() {
      ApiResponse r = revoke(tenant, id);

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(revoked()).isEqualTo(1);
      assertThat(Fixtures.audit(tenant.organizationId(), "invitation.revoked")).hasSize(1);
    }

    @Test
    void revoking_again_changes_nothing() {
      revoke(tenant, id);

      assertThat(revoke(tenant, id).status()).isEqualTo(204);
      assertThat(Fixtures.audit(tenant.organizationId(), "invitation.revoked")).hasSize(1);
    }
  }

  @Nested
  class Conflict {
    @Test
    void an_accepted_invitation() {
      Fixtures.db().useHandle(h -> h.execute("update invitations set accepted_at = now() where id = ?", id));

      assertProblem(revoke(tenant, id), 409, "conflict");
      assertThat(revoked()).isZero();
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_invitation_through_the_callers_own_organization() {
      assertProblem(revoke(Tenant.create(), id), 404, "not_found");
      assertThat(revoked()).isZero();
    }

    @Test
    void an_unknown_invitation() {
      assertProblem(revoke(tenant, UUID.randomUUID()), 404, "not_found");
    }
  }
}

package dev.saaskit.identity.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurgeOrganizationsTest {

  static void deleted(Tenant tenant, String purgeAfter) {
    Fixtures.db().useHandle(h -> h.execute(
        "update organizations set deleted_at = now() - interval '31 days', purge_after = now() + cast(? as interval) where id = ?",
        purgeAfter, tenant.organizationId()));
  }

  static int organizations(Tenant tenant) {
    return Fixtures.count("select count(*) from organizations where id = ?", tenant.organizationId());
  }

  @Test
  void purges_organizations_past_their_retention_with_what_they_own_and_keeps_the_accounts() {
    Tenant due = Tenant.create();
    UUID workspace = Fixtures.workspace(due, "Gone");
    Fixtures.workspaceMember(due, workspace, due.member(Role.USER), "viewer");
    Fixtures.invitation(due, "late@example.test", Role.USER, Instant.now().plusSeconds(3600));
    UUID session = Fixtures.session(due, due.member(Role.USER));
    deleted(due, "-1 minute");
    Tenant notYet = Tenant.create();
    deleted(notYet, "1 day");
    Tenant live = Tenant.create();

    var result = Json.tree(Lambda.invoke("purge-organizations",
        Events.scheduled("arn:aws:scheduler:us-east-1:0:schedule/default/purge-organizations").toString()));

    assertThat(result.path("purged_organizations").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(organizations(due)).isZero();
    assertThat(Fixtures.count("select count(*) from organization_members where organization_id = ?", due.organizationId())).isZero();
    assertThat(Fixtures.count("select count(*) from workspaces where organization_id = ?", due.organizationId())).isZero();
    assertThat(Fixtures.count("select count(*) from invitations where organization_id = ?", due.organizationId())).isZero();
    assertThat(Fixtures.count("select count(*) from sessions where id = ?", session)).isZero();
    assertThat(Fixtures.count("select count(*) from refresh_tokens where session_id = ?", session)).isZero();
    assertThat(Fixtures.count("select count(*) from users where id = ?", due.member(Role.USER))).isEqualTo(1);
    assertThat(Fixtures.audit(due.organizationId(), "organization.purged")).hasSize(1);
    assertThat(organizations(notYet)).isEqualTo(1);
    assertThat(organizations(live)).isEqualTo(1);
  }
}

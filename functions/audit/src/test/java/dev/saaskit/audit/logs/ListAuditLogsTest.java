package dev.saaskit.audit.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListAuditLogsTest {

  final Tenant tenant = Audit.tenant();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Nested
  class Ok {
    @Test
    void an_org_admin_pages_through_its_organizations_entries_newest_first() {
      String action = Audit.action();
      UUID a = Audit.entry(tenant.organizationId(), action, now.minusSeconds(30));
      UUID b = Audit.entry(tenant.organizationId(), action, now.minusSeconds(20));
      UUID c = Audit.entry(tenant.organizationId(), action, now.minusSeconds(10));
      Audit.entry(Audit.tenant().organizationId(), action, now);

      assertThat(Audit.ids(tenant.token(Role.ORG_ADMIN), "&action=" + action, 2))
          .containsExactly(c.toString(), b.toString(), a.toString());
    }

    @Test
    void an_entry_shows_who_did_what_to_which_resource_with_its_details() {
      String action = Audit.action();
      UUID actor = tenant.member(Role.USER);
      UUID id = Audit.entry(tenant.organizationId(), actor, action, "invoice", "in_1", now);

      JsonNode e = Api.get("/api/v1/audit-logs?action=" + action).bearer(tenant.token(Role.ORG_ADMIN)).send().json().path("data").get(0);

      assertThat(e.path("id").asString()).isEqualTo(id.toString());
      assertThat(e.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(e.path("actor_user_id").asString()).isEqualTo(actor.toString());
      assertThat(e.path("actor_api_key_id").isNull()).isTrue();
      assertThat(e.path("resource_type").asString()).isEqualTo("invoice");
      assertThat(e.path("resource_id").asString()).isEqualTo("in_1");
      assertThat(e.path("request_id").asString()).isEqualTo("req-1");
      assertThat(e.path("ip").asString()).isEqualTo("203.0.113.7");
      assertThat(e.path("details").path("name").asString()).startsWith("n-");
      assertThat(Instant.parse(e.path("created_at").asString())).isEqualTo(now);
    }

    @Test
    void filters_by_actor_action_resource_and_time_range_together() {
      String action = Audit.action();
      String other = Audit.action();
      UUID alice = tenant.member(Role.USER);
      UUID bob = tenant.member(Role.BILLING_ADMIN);
      UUID early = Audit.entry(tenant.organizationId(), alice, action, "ticket", "t-1", now.minusSeconds(3600));
      UUID aliceT1 = Audit.entry(tenant.organizationId(), alice, action, "ticket", "t-1", now.minusSeconds(60));
      UUID aliceT2 = Audit.entry(tenant.organizationId(), alice, action, "ticket", "t-2", now.minusSeconds(50));
      UUID bobT1 = Audit.entry(tenant.organizationId(), bob, action, "ticket", "t-1", now.minusSeconds(40));
      UUID aliceOther = Audit.entry(tenant.organizationId(), alice, other, "page", "t-1", now.minusSeconds(30));
      String admin = tenant.token(Role.ORG_ADMIN);

      assertThat(Audit.ids(admin, "&actor_user_id=" + alice + "&action=" + action, 20))
          .containsExactly(aliceT2.toString(), aliceT1.toString(), early.toString());
      assertThat(Audit.ids(admin, "&resource_type=ticket&resource_id=t-1&action=" + action, 20))
          .containsExactly(bobT1.toString(), aliceT1.toString(), early.toString());
      assertThat(Audit.ids(admin, "&action=" + action + "&from=" + now.minusSeconds(60) + "&to=" + now.minusSeconds(40), 20))
          .as("from inclusive, to exclusive")
          .containsExactly(aliceT2.toString(), aliceT1.toString());
      assertThat(Audit.ids(admin, "&actor_user_id=" + alice + "&resource_id=t-1&from=" + now.minusSeconds(120), 20))
          .containsExactly(aliceOther.toString(), aliceT1.toString());
    }

    @Test
    void an_audit_read_key_reads_its_organizations_trail_and_is_named_as_actor_by_api_key_id() {
      String action = Audit.action();
      UUID id = Audit.entry(tenant.organizationId(), action, now);
      Audit.entry(Audit.tenant().organizationId(), action, now);

      assertThat(Audit.ids(tenant.apiKey("audit:read").secret(), "&action=" + action, 20)).containsExactly(id.toString());
    }

    @Test
    void a_super_admin_reads_every_organization_and_the_platforms_events_or_one_organization() {
      String action = Audit.action();
      Tenant other = Audit.tenant();
      UUID mine = Audit.entry(tenant.organizationId(), action, now.minusSeconds(3));
      UUID theirs = Audit.entry(other.organizationId(), action, now.minusSeconds(2));
      UUID platform = Audit.entry(null, action, now.minusSeconds(1));
      String superAdmin = Audit.superAdmin(Audit.tenant());

      assertThat(Audit.ids(superAdmin, "&action=" + action, 2)).containsExactly(platform.toString(), theirs.toString(), mine.toString());
      assertThat(Audit.ids(superAdmin, "&action=" + action + "&organization_id=" + other.organizationId(), 20))
          .containsExactly(theirs.toString());
    }

    @Test
    void an_org_admin_naming_its_own_organization_gets_its_entries() {
      String action = Audit.action();
      UUID id = Audit.entry(tenant.organizationId(), action, now);

      assertThat(Audit.ids(tenant.token(Role.ORG_ADMIN), "&action=" + action + "&organization_id=" + tenant.organizationId(), 20))
          .containsExactly(id.toString());
    }
  }

  @Nested
  class BadRequest {
    @Test
    void ids_times_ranges_limits_and_cursors_that_are_not_valid() {
      for (String query : List.of("?actor_user_id=7", "?organization_id=x", "?actor_api_key_id=1", "?from=yesterday",
          "?to=2030-01-01", "?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "?from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
          "?limit=0", "?limit=101", "?cursor=%25%25", "?action=" + "a".repeat(101))) {
        ApiResponse r = Api.get("/api/v1/audit-logs" + query).bearer(tenant.token(Role.ORG_ADMIN)).send();
        assertThat(r.status()).as(query + " " + r).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("invalid_parameter");
      }
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials_or_with_a_forged_token() {
      assertThat(Api.get("/api/v1/audit-logs").send().status()).isEqualTo(401);
      assertThat(Api.get("/api/v1/audit-logs").bearer("not-a-token").send().problem()).isEqualTo("unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin_and_keys_without_audit_read() {
      for (Role role : List.of(Role.USER, Role.BILLING_ADMIN)) {
        ApiResponse r = Api.get("/api/v1/audit-logs").bearer(tenant.token(role)).send();
        assertThat(r.status()).as(role.code()).isEqualTo(403);
        assertThat(r.problem()).isEqualTo("forbidden");
      }
      ApiResponse key = Api.get("/api/v1/audit-logs").bearer(tenant.apiKey("jobs:read").secret()).send();
      assertThat(key.problem()).isEqualTo("insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_id_as_filter_by_its_org_admin_or_key() {
      Tenant other = Audit.tenant();
      Audit.entry(other.organizationId(), Audit.action(), now);
      for (String bearer : List.of(tenant.token(Role.ORG_ADMIN), tenant.apiKey("audit:read").secret())) {
        ApiResponse r = Api.get("/api/v1/audit-logs?organization_id=" + other.organizationId()).bearer(bearer).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.problem()).isEqualTo("not_found");
      }
    }
  }

  @Nested
  class Unchangeable {
    @Test
    void no_route_changes_or_deletes_an_entry_and_the_database_refuses_updates_and_truncation() {
      assertThat(dev.saaskit.shared.catalog.Catalog.bundled().inModule("audit").stream()
          .filter(f -> f.http() != null && !f.http().method().equals("GET"))
          .map(f -> f.http().routeKey()))
          .containsExactly("POST /api/v1/audit-logs/exports", "POST /api/v1/exports");
      UUID id = Audit.entry(tenant.organizationId(), Audit.action(), now);

      assertThatThrownBy(() -> TestDatabase.get().jdbi().useHandle(h -> h.execute("update audit_logs set action = 'x' where id = ?", id)))
          .hasMessageContaining("audit_logs entries cannot be changed");
      assertThatThrownBy(() -> TestDatabase.get().jdbi().useHandle(h -> h.execute("truncate audit_logs")))
          .hasMessageContaining("audit_logs entries cannot be changed");
    }
  }
}

package dev.saaskit.support.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetTicketTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @Nested
  class Ok {
    @Test
    void the_requester_the_organizations_admin_and_every_agent_read_it() {
      assertThat(Support.get(tenant.token(Role.USER), ticket).status()).isEqualTo(200);
      assertThat(Support.get(tenant.token(Role.ORG_ADMIN), ticket).status()).isEqualTo(200);
      assertThat(Support.get(Support.agent().token(), ticket).status()).isEqualTo(200);
      assertThat(Support.get(Support.superAdmin().token(), ticket).status()).isEqualTo(200);
    }

    @Test
    void a_follower_reads_it() {
      Support.update(tenant.token(Role.USER), ticket, Map.of("follower_ids", List.of(tenant.member(Role.BILLING_ADMIN))));

      ApiResponse r = Support.get(tenant.token(Role.BILLING_ADMIN), ticket);

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("follower_ids").get(0).asString()).isEqualTo(tenant.member(Role.BILLING_ADMIN).toString());
    }

    @Test
    void shows_due_times_and_breaches() {
      Support.sql("update support_tickets set first_response_due_at = now() - interval '1 minute' where id = ?", ticket);

      ApiResponse r = Support.get(tenant.token(Role.USER), ticket);

      assertThat(r.json().path("sla").path("first_response").path("breached").asBoolean()).isTrue();
      assertThat(r.json().path("sla").path("resolution").path("breached").asBoolean()).isFalse();
      assertThat(r.json().path("sla").path("resolution").path("due_at").asString()).isNotBlank();
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_member_of_the_same_organization_who_neither_opened_nor_follows_it() {
      ApiResponse r = Support.get(tenant.token(Role.BILLING_ADMIN), ticket);

      assertThat(r.status()).isEqualTo(404);
      assertThat(r.problem()).isEqualTo("not_found");
    }

    @Test
    void another_organizations_admin() {
      assertThat(Support.get(Support.tenant().token(Role.ORG_ADMIN), ticket).status()).isEqualTo(404);
    }

    @Test
    void an_unknown_id() {
      assertThat(Support.get(tenant.token(Role.ORG_ADMIN), UUID.randomUUID()).status()).isEqualTo(404);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(dev.saaskit.testkit.Api.get("/api/v1/support/tickets/12").bearer(tenant.token(Role.USER)).send().problem())
          .isEqualTo("invalid_parameter");
    }
  }
}

package dev.saaskit.support.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateTicketTest {

  final Tenant tenant = Support.tenant();

  @Nested
  class Ok {
    @Test
    void any_member_opens_a_ticket_for_its_organization_with_the_plans_sla() {
      ApiResponse r = Support.open(tenant.token(Role.USER),
          Map.of("subject", "Cannot export", "description", "The export button\ndoes nothing.", "priority", "urgent"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode t = r.json();
      assertThat(t.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(t.path("requester_id").asString()).isEqualTo(tenant.member(Role.USER).toString());
      assertThat(t.path("status").asString()).isEqualTo("new");
      assertThat(t.path("priority").asString()).isEqualTo("urgent");
      assertThat(r.header("location")).isEqualTo("/api/v1/support/tickets/" + t.path("id").asString());
      // The free plan answers an urgent ticket within 240 working minutes, resolves it within 1440; every minute counts by default.
      JsonNode sla = t.path("sla");
      Instant created = Instant.parse(t.path("created_at").asString());
      assertThat(sla.path("first_response").path("target_minutes").asInt()).isEqualTo(240);
      assertThat(Instant.parse(sla.path("first_response").path("due_at").asString())).isEqualTo(created.plus(Duration.ofMinutes(240)));
      assertThat(Instant.parse(sla.path("resolution").path("due_at").asString())).isEqualTo(created.plus(Duration.ofMinutes(1440)));
      assertThat(sla.path("resolution").path("breached").asBoolean()).isFalse();
    }

    @Test
    void the_description_is_the_first_public_comment_and_priority_defaults_to_normal() {
      UUID id = Support.ticket(tenant.token(Role.BILLING_ADMIN), Map.of("subject", "Invoice", "description", "Wrong VAT"));

      assertThat(Support.get(tenant.token(Role.BILLING_ADMIN), id).json().path("priority").asString()).isEqualTo("normal");
      JsonNode comments = dev.saaskit.testkit.Api.get("/api/v1/support/tickets/" + id + "/comments").bearer(tenant.token(Role.BILLING_ADMIN)).send().json();
      assertThat(comments.path("data").get(0).path("body").asString()).isEqualTo("Wrong VAT");
      assertThat(comments.path("data").get(0).path("internal").asBoolean()).isFalse();
    }

    @Test
    void the_agents_are_told_and_the_requester_gets_a_receipt() {
      Support.Agent agent = Support.agent();
      UUID id = Support.ticket(tenant, Role.USER);

      assertThat(Support.recipients(id, TicketNotices.CREATED)).contains(agent.email(), Support.email(tenant.member(Role.USER)));
      JsonNode notice = Support.notices(id, TicketNotices.CREATED).get(0);
      assertThat(notice.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(notice.path("variables").path("subject").asString()).isEqualTo("Printer on fire");
    }

    @Test
    void a_plan_without_targets_has_no_due_times() {
      Support.ownPlan(tenant, null);

      JsonNode sla = Support.open(tenant.token(Role.USER), Map.of("subject", "s", "description", "d")).json().path("sla");

      assertThat(sla.path("first_response").path("target_minutes").isNull()).isTrue();
      assertThat(sla.path("resolution").path("due_at").isNull()).isTrue();
      assertThat(sla.path("resolution").path("breached").asBoolean()).isFalse();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void missing_subject_blank_description_and_unknown_priority() {
      ApiResponse r = Support.open(tenant.token(Role.USER), Map.of("description", " ", "priority", "asap"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("subject", "description", "priority");
    }

    @Test
    void control_characters_in_the_description() {
      ApiResponse r = Support.open(tenant.token(Role.USER), Map.of("subject", "s", "description", "bell\u0007"));
      assertThat(r.problem()).isEqualTo("validation_failed");
    }
  }
}

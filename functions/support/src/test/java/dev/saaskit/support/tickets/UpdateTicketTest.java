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
import tools.jackson.databind.JsonNode;

class UpdateTicketTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);
  final Support.Agent agent = Support.agent();

  @Nested
  class Ok {
    @Test
    void an_agent_assigns_tags_reprioritises_and_moves_the_status_and_the_assignee_is_told() {
      ApiResponse r = Support.update(agent.token(), ticket,
          Map.of("status", "open", "priority", "high", "assignee_id", agent.id(), "tags", List.of("billing", "vip")));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode t = r.json();
      assertThat(t.path("status").asString()).isEqualTo("open");
      assertThat(t.path("priority").asString()).isEqualTo("high");
      assertThat(t.path("assignee_id").asString()).isEqualTo(agent.id().toString());
      assertThat(t.path("tags").toString()).isEqualTo("[\"billing\",\"vip\"]");
      assertThat(t.path("sla").path("first_response").path("target_minutes").asInt()).as("free plan, high").isEqualTo(480);
      assertThat(Support.recipients(ticket, TicketNotices.ASSIGNED)).isEmpty();
    }

    @Test
    void an_assignment_by_another_agent_is_told_to_the_assignee() {
      Support.update(Support.superAdmin().token(), ticket, Map.of("assignee_id", agent.id()));

      assertThat(Support.recipients(ticket, TicketNotices.ASSIGNED)).containsExactly(agent.email());
    }

    @Test
    void none_unassigns_and_a_missing_assignee_keeps_it() {
      Support.update(agent.token(), ticket, Map.of("assignee_id", agent.id()));
      assertThat(Support.update(agent.token(), ticket, Map.of("subject", "Renamed")).json().path("assignee_id").asString())
          .isEqualTo(agent.id().toString());
      assertThat(Support.update(agent.token(), ticket, Map.of("assignee_id", "none")).json().path("assignee_id").isNull()).isTrue();
    }

    @Test
    void pending_pauses_the_clocks_and_open_resumes_them() {
      JsonNode paused = Support.update(agent.token(), ticket, Map.of("status", "pending")).json().path("sla");
      assertThat(paused.path("resolution").path("paused").asBoolean()).isTrue();
      assertThat(paused.path("resolution").path("due_at").isNull()).isTrue();

      JsonNode running = Support.update(agent.token(), ticket, Map.of("status", "open")).json().path("sla");
      assertThat(running.path("resolution").path("paused").asBoolean()).isFalse();
      assertThat(running.path("resolution").path("due_at").asString()).isNotBlank();
    }

    @Test
    void the_requester_marks_it_solved_and_reopens_it_and_the_customers_hear_of_a_solve_by_an_agent() {
      assertThat(Support.update(tenant.token(Role.USER), ticket, Map.of("status", "solved")).json().path("status").asString()).isEqualTo("solved");
      assertThat(Support.update(tenant.token(Role.USER), ticket, Map.of("status", "open")).json().path("solved_at").isNull()).isTrue();
      Support.update(tenant.token(Role.USER), ticket, Map.of("follower_ids", List.of(tenant.member(Role.BILLING_ADMIN))));

      JsonNode solved = Support.update(agent.token(), ticket, Map.of("status", "solved")).json();

      assertThat(solved.path("sla").path("resolution").path("achieved_at").asString()).isNotBlank();
      assertThat(Support.recipients(ticket, TicketNotices.SOLVED)).contains(
          Support.email(tenant.member(Role.USER)), Support.email(tenant.member(Role.BILLING_ADMIN)));
    }

    @Test
    void audits_the_changes_in_the_tickets_organization() {
      Support.update(agent.token(), ticket, Map.of("priority", "low"));

      List<Map<String, Object>> audit = dev.saaskit.testkit.TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
              "select organization_id, actor_user_id, details::text as details from audit_logs where action = 'support_ticket.updated' and resource_id = ?")
          .bind(0, ticket.toString()).mapToMap().list());
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).get("organization_id")).isEqualTo(tenant.organizationId());
      assertThat(audit.get(0).get("actor_user_id")).isEqualTo(agent.id());
      assertThat(audit.get(0).get("details").toString()).contains("\"priority\"", "\"normal\"", "\"low\"");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void customers_neither_assign_tag_reprioritise_nor_move_a_ticket_but_to_solved() {
      String user = tenant.token(Role.USER);
      String admin = tenant.token(Role.ORG_ADMIN);
      for (ApiResponse r : List.of(
          Support.update(user, ticket, Map.of("assignee_id", agent.id())),
          Support.update(admin, ticket, Map.of("tags", List.of("x"))),
          Support.update(admin, ticket, Map.of("priority", "urgent")),
          Support.update(user, ticket, Map.of("status", "pending")))) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().path("code").asString()).isEqualTo("agents_only");
      }
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_move_the_status_does_not_allow() {
      ApiResponse r = Support.update(agent.token(), ticket, Map.of("status", "closed"));

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("transition_not_allowed");
    }

    @Test
    void a_closed_ticket_changes_no_more() {
      Support.update(agent.token(), ticket, Map.of("status", "solved"));
      Support.update(agent.token(), ticket, Map.of("status", "closed"));

      ApiResponse r = Support.update(agent.token(), ticket, Map.of("status", "open"));

      assertThat(r.json().path("code").asString()).isEqualTo("ticket_closed");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_assignee_who_is_no_agent_and_a_follower_from_another_organization() {
      ApiResponse notAgent = Support.update(agent.token(), ticket, Map.of("assignee_id", tenant.member(Role.ORG_ADMIN)));
      ApiResponse stranger = Support.update(tenant.token(Role.USER), ticket, Map.of("follower_ids", List.of(Support.tenant().member(Role.USER))));

      assertThat(notAgent.json().path("errors").get(0).path("field").asString()).isEqualTo("assignee_id");
      assertThat(stranger.json().path("errors").get(0).path("field").asString()).isEqualTo("follower_ids[0]");
    }

    @Test
    void unknown_status_and_bad_tags() {
      ApiResponse r = Support.update(agent.token(), ticket, Map.of("status", "done", "tags", List.of("Bad Tag")));
      assertThat(r.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("status", "tags[0]");
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_member_who_does_not_reach_the_ticket() {
      assertThat(Support.update(tenant.token(Role.BILLING_ADMIN), ticket, Map.of("subject", "mine now")).status()).isEqualTo(404);
    }
  }
}

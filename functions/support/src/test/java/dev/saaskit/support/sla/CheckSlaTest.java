package dev.saaskit.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.support.Support;
import dev.saaskit.support.tickets.TicketNotices;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CheckSlaTest {

  static final String EVENT = Events.scheduled("arn:aws:scheduler:us-east-1:0:schedule/default/support-sla-check").toString();

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  static JsonNode check() {
    return Json.tree(Lambda.invoke("support-sla-check", EVENT));
  }

  @Test
  void a_breach_is_marked_and_escalated_to_the_assignee_exactly_once() {
    Support.Agent agent = Support.agent();
    Support.update(agent.token(), ticket, Map.of("assignee_id", agent.id()));
    Support.sql("update support_tickets set first_response_due_at = now() - interval '1 minute' where id = ?", ticket);

    check();
    check();

    List<JsonNode> escalations = Support.notices(ticket, TicketNotices.SLA_BREACHED);
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).path("to").asString()).isEqualTo(agent.email());
    assertThat(escalations.get(0).path("variables").path("clock").asString()).isEqualTo("first_response");
    JsonNode t = Support.get(tenant.token(Role.USER), ticket).json();
    assertThat(t.path("sla").path("first_response").path("breached").asBoolean()).isTrue();
    assertThat(t.path("sla").path("resolution").path("breached").asBoolean()).isFalse();
  }

  @Test
  void checks_running_at_once_escalate_a_breach_once() {
    Support.sql("update support_tickets set resolution_due_at = now() - interval '1 minute' where id = ?", ticket);
    List<dev.saaskit.hosting.LocalContainer> containers = List.of(Lambda.coldStart("support-sla-check"), Lambda.coldStart("support-sla-check"),
        Lambda.coldStart("support-sla-check"));

    try (ExecutorService pool = Executors.newFixedThreadPool(containers.size())) {
      containers.forEach(c -> pool.submit(() -> Lambda.invoke(c, EVENT)));
    }

    List<JsonNode> escalations = Support.notices(ticket, TicketNotices.SLA_BREACHED);
    assertThat(escalations).extracting(n -> n.path("variables").path("clock").asString()).containsOnly("resolution");
    assertThat(escalations.stream().map(n -> n.path("to").asString()).distinct().count()).as("one per agent").isEqualTo(escalations.size());
  }

  @Test
  void paused_answered_and_solved_clocks_are_not_escalated() {
    Support.Agent agent = Support.agent();
    UUID pending = Support.ticket(tenant, Role.USER);
    Support.update(agent.token(), pending, Map.of("status", "pending"));
    Support.comment(agent.token(), ticket, Map.of("body", "on it"));
    Support.sql("update support_tickets set first_response_due_at = now() - interval '1 minute' where id in (?, ?)", ticket, pending);

    check();

    assertThat(Support.notices(ticket, TicketNotices.SLA_BREACHED)).isEmpty();
    assertThat(Support.notices(pending, TicketNotices.SLA_BREACHED)).isEmpty();
  }
}

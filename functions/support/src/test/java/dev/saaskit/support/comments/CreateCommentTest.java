package dev.saaskit.support.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.support.tickets.TicketNotices;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateCommentTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);
  final Support.Agent agent = Support.agent();

  @Nested
  class Ok {
    @Test
    void an_agents_first_public_reply_is_the_first_response_opens_the_ticket_and_reaches_the_customer() {
      ApiResponse r = Support.comment(agent.token(), ticket, Map.of("body", "Have you tried\nturning it off?"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("by_agent").asBoolean()).isTrue();
      JsonNode t = Support.get(tenant.token(Role.USER), ticket).json();
      assertThat(t.path("status").asString()).isEqualTo("open");
      assertThat(t.path("first_responded_at").asString()).isNotBlank();
      assertThat(t.path("sla").path("first_response").path("achieved_at").asString()).isEqualTo(t.path("first_responded_at").asString());
      JsonNode notice = Support.notices(ticket, TicketNotices.REPLIED).get(0);
      assertThat(notice.path("to").asString()).isEqualTo(Support.email(tenant.member(Role.USER)));
      assertThat(notice.path("variables").path("reply_by").asString()).isEqualTo("agent");
      assertThat(notice.path("variables").path("excerpt").asString()).isEqualTo("Have you tried\nturning it off?");
    }

    @Test
    void a_customers_reply_reopens_a_pending_ticket_and_reaches_the_assignee() {
      Support.update(agent.token(), ticket, Map.of("status", "pending", "assignee_id", agent.id()));

      Support.comment(tenant.token(Role.USER), ticket, Map.of("body", "Still broken"));

      JsonNode t = Support.get(tenant.token(Role.USER), ticket).json();
      assertThat(t.path("status").asString()).isEqualTo("open");
      assertThat(t.path("sla").path("resolution").path("paused").asBoolean()).isFalse();
      assertThat(Support.notices(ticket, TicketNotices.REPLIED)).anySatisfy(n -> {
        assertThat(n.path("to").asString()).isEqualTo(agent.email());
        assertThat(n.path("variables").path("reply_by").asString()).isEqualTo("customer");
      });
    }

    @Test
    void an_internal_note_changes_nothing_and_tells_no_one() {
      ApiResponse r = Support.comment(agent.token(), ticket, Map.of("body", "Customer is on the old plan", "internal", true));

      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("internal").asBoolean()).isTrue();
      JsonNode t = Support.get(tenant.token(Role.USER), ticket).json();
      assertThat(t.path("status").asString()).isEqualTo("new");
      assertThat(t.path("first_responded_at").isNull()).isTrue();
      assertThat(Support.notices(ticket, TicketNotices.REPLIED)).isEmpty();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_customer_writes_no_internal_note() {
      ApiResponse r = Support.comment(tenant.token(Role.ORG_ADMIN), ticket, Map.of("body", "psst", "internal", true));

      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("code").asString()).isEqualTo("agents_only");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_closed_ticket_takes_no_reply() {
      Support.update(agent.token(), ticket, Map.of("status", "solved"));
      Support.update(agent.token(), ticket, Map.of("status", "closed"));

      assertThat(Support.comment(tenant.token(Role.USER), ticket, Map.of("body", "hello?")).json().path("code").asString()).isEqualTo("ticket_closed");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_empty_body() {
      assertThat(Support.comment(tenant.token(Role.USER), ticket, Map.of("body", "")).problem()).isEqualTo("validation_failed");
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_ticket_the_caller_does_not_reach() {
      assertThat(Support.comment(tenant.token(Role.BILLING_ADMIN), ticket, Map.of("body", "me too")).status()).isEqualTo(404);
    }
  }
}

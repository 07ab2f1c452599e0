package dev.saaskit.support.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.support.tickets.TicketNotices;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An internal note's text never reaches anyone but agents: not through any read or list of any
 * route, as any role of the organization (requester, follower, org_admin, billing_admin), nor in a
 * notification. Agents and super_admins read it.
 */
class InternalNotesTest {

  static final String NOTE = "INTERNAL-" + UUID.randomUUID();

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);
  final Support.Agent agent = Support.agent();

  @Test
  void no_read_or_list_shows_a_note_to_a_customer_and_agents_see_it() {
    Support.update(tenant.token(Role.USER), ticket, Map.of("follower_ids", List.of(tenant.member(Role.BILLING_ADMIN))));
    ApiResponse note = Support.comment(agent.token(), ticket, Map.of("body", NOTE, "internal", true));
    assertThat(note.status()).isEqualTo(201);
    Support.comment(agent.token(), ticket, Map.of("body", "A public answer"));

    for (Role role : List.of(Role.USER, Role.BILLING_ADMIN, Role.ORG_ADMIN)) {
      for (ApiResponse r : everyRead(tenant.token(role))) {
        assertThat(r.status()).as(role + " " + r).isIn(200, 201);
        assertThat(r.body()).as("what " + role.code() + " reads").doesNotContain(NOTE).doesNotContain(note.json().path("id").asString());
      }
    }
    for (String agentToken : List.of(agent.token(), Support.superAdmin().token())) {
      assertThat(Api.get("/api/v1/support/tickets/" + ticket + "/comments").bearer(agentToken).send().body()).contains(NOTE);
    }
  }

  @Test
  void no_notification_carries_a_note() {
    Support.comment(agent.token(), ticket, Map.of("body", NOTE, "internal", true));

    List<String> all = new ArrayList<>();
    for (String template : List.of(TicketNotices.CREATED, TicketNotices.REPLIED, TicketNotices.ASSIGNED, TicketNotices.SOLVED)) {
      Support.notices(ticket, template).forEach(n -> all.add(n.toString()));
    }
    assertThat(all).noneMatch(n -> n.contains(NOTE));
  }

  /** Every route that reads a ticket or its parts, as this caller. */
  private List<ApiResponse> everyRead(String token) {
    return List.of(
        Api.get("/api/v1/support/tickets/" + ticket).bearer(token).send(),
        Api.get("/api/v1/support/tickets").bearer(token).send(),
        Api.get("/api/v1/support/tickets/" + ticket + "/comments").bearer(token).send(),
        Api.get("/api/v1/support/tickets/" + ticket + "/comments?limit=1").bearer(token).send(),
        Api.get("/api/v1/support/tickets/" + ticket + "/attachments").bearer(token).send(),
        Support.update(token, ticket, Map.of("subject", "Printer on fire")),
        Support.comment(token, ticket, Map.of("body", "any news?")));
  }
}

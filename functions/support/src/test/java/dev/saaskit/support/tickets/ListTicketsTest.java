package dev.saaskit.support.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListTicketsTest {

  final Tenant tenant = Support.tenant();

  static List<String> ids(String token, String query) {
    ApiResponse r = Api.get("/api/v1/support/tickets" + query).bearer(token).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().path("data").findValuesAsString("id");
  }

  @Nested
  class Ok {
    @Test
    void a_user_sees_the_tickets_it_opened_or_follows_an_org_admin_all_of_the_organizations() {
      UUID mine = Support.ticket(tenant, Role.USER);
      UUID admins = Support.ticket(tenant, Role.ORG_ADMIN);
      UUID followed = Support.ticket(tenant, Role.BILLING_ADMIN);
      Support.update(tenant.token(Role.BILLING_ADMIN), followed, Map.of("follower_ids", List.of(tenant.member(Role.USER))));
      Support.ticket(Support.tenant(), Role.USER);

      assertThat(ids(tenant.token(Role.USER), "")).containsExactly(followed.toString(), mine.toString());
      assertThat(ids(tenant.token(Role.ORG_ADMIN), "")).containsExactly(followed.toString(), admins.toString(), mine.toString());
    }

    @Test
    void an_agent_sees_every_organizations_and_filters_by_organization() {
      UUID here = Support.ticket(tenant, Role.USER);
      Tenant other = Support.tenant();
      UUID there = Support.ticket(other, Role.USER);
      String agent = Support.agent().token();

      assertThat(ids(agent, "?limit=100")).contains(here.toString(), there.toString());
      assertThat(ids(agent, "?organization_id=" + other.organizationId())).containsExactly(there.toString());
    }

    @Test
    void filters_by_status_priority_assignee_tag_and_subject() {
      Support.Agent agent = Support.agent();
      UUID urgent = Support.ticket(tenant.token(Role.USER), Map.of("subject", "Login 100% broken", "description", "d", "priority", "urgent"));
      UUID plain = Support.ticket(tenant.token(Role.USER), Map.of("subject", "Question", "description", "d"));
      Support.update(agent.token(), urgent, Map.of("status", "open", "assignee_id", agent.id(), "tags", List.of("login")));
      String admin = tenant.token(Role.ORG_ADMIN);

      assertThat(ids(admin, "?status=open")).containsExactly(urgent.toString());
      assertThat(ids(admin, "?priority=normal")).containsExactly(plain.toString());
      assertThat(ids(admin, "?assignee_id=" + agent.id())).containsExactly(urgent.toString());
      assertThat(ids(admin, "?assignee_id=none")).containsExactly(plain.toString());
      assertThat(ids(admin, "?tag=login")).containsExactly(urgent.toString());
      assertThat(ids(admin, "?q=100%25")).containsExactly(urgent.toString());
      assertThat(ids(admin, "?q=QUEST")).containsExactly(plain.toString());
    }

    @Test
    void pages_newest_first_with_a_cursor() {
      List<String> made = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        made.add(0, Support.ticket(tenant, Role.USER).toString());
      }
      String token = tenant.token(Role.USER);
      List<String> seen = new ArrayList<>();
      String cursor = null;
      do {
        JsonNode page = Api.get("/api/v1/support/tickets?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).bearer(token).send().json();
        seen.addAll(page.path("data").findValuesAsString("id"));
        cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
      } while (cursor != null);

      assertThat(seen).containsExactlyElementsOf(made);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_status_or_an_assignee_that_is_no_uuid() {
      assertThat(Api.get("/api/v1/support/tickets?status=done").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
      assertThat(Api.get("/api/v1/support/tickets?assignee_id=bob").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
    }
  }
}

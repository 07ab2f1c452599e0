package dev.saaskit.support;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The catalog-walking security checks on every support route: tickets, their comments and their
 * attachments of organization A, addressed by A's ids as organization B's admin, are not found and
 * stay as they were.
 */
class RouteSecurityTest {

  static final String MODULE = "support";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_the_calendar_routes_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_tickets_comments_and_attachments_are_not_found_and_stay_as_they_were() {
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-ticket", aTicket(null),
        "update-ticket", aTicket("{\"subject\": \"taken over\", \"status\": \"solved\"}"),
        "list-comments", aTicket(null),
        "create-comment", aTicket("{\"body\": \"hello from B\"}"),
        "create-attachment", aTicket("{\"file_name\": \"x.txt\", \"content_type\": \"text/plain\", \"size_bytes\": 3}"),
        "list-attachments", aTicket(null),
        "complete-attachment", anAttachment()), Map.of());
  }

  /** Organization A's ticket (opened by its user), addressed by its id, with this body. */
  static IsolationCase aTicket(String body) {
    return of(a -> Map.of("id", Support.ticket(a, Role.USER).toString()), body);
  }

  /** An upload declared on A's ticket, not completed. */
  static IsolationCase anAttachment() {
    return of(a -> {
      UUID ticket = Support.ticket(a, Role.USER);
      String declared = dev.saaskit.testkit.Api.post("/api/v1/support/tickets/" + ticket + "/attachments").bearer(a.token(Role.USER))
          .json(Map.of("file_name", "x.txt", "content_type", "text/plain", "size_bytes", 3)).send().body();
      return Map.of("id", ticket.toString(), "attachment_id", Json.tree(declared).path("attachment").path("id").asString());
    }, null);
  }

  private static IsolationCase of(Function<Tenant, Map<String, String>> prepare, String body) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return new Target(prepare.apply(a), body);
      }

      /** A's tickets, followers, comments, attachments and audit entries. */
      @Override
      public Object snapshot(Tenant a) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                """
                select t.*,
                       (select count(*) from support_ticket_followers f where f.organization_id = t.organization_id) as followers,
                       (select string_agg(c.id || c.body || c.internal, ',' order by c.id) from support_comments c where c.ticket_id = t.id) as comments,
                       (select string_agg(x.id || x.status || x.size_bytes, ',' order by x.id) from support_attachments x where x.ticket_id = t.id) as files,
                       (select count(*) from audit_logs l where l.organization_id = t.organization_id) as audit_entries
                  from support_tickets t where t.organization_id = :org order by t.id
                """)
            .bind("org", a.organizationId()).mapToMap().list().toString());
      }
    };
  }
}

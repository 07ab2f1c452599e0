package dev.saaskit.notifications;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks on every notifications route. */
class RouteSecurityTest {

  static final String MODULE = "notifications";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_org_admin_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_templates_and_messages_are_not_found_and_stay_as_they_were() {
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-notification-template", aTemplate(null),
        "update-notification-template", aTemplate("{\"subject\": \"taken over\", \"body\": \"taken over\"}"),
        "delete-notification-template", aTemplate(null),
        "get-notification", aMessageToItsAdmin(),
        "mark-notification-read", aMessageToItsAdmin(),
        "archive-notification", aMessageToItsAdmin()), Map.of());
  }

  /** Organization A's own email template, by its id; A's templates, their versions and audit trail as the snapshot. */
  static IsolationCase aTemplate(String body) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        String id = Api.post("/api/v1/notifications/templates").bearer(a.token(Role.ORG_ADMIN))
            .json(Map.of("name", "weekly_digest", "channel", "email", "subject", "Digest", "body", "Hello {{name}}", "variables", List.of("name")))
            .send().json().path("id").asString();
        return new Target(Map.of("id", id), body);
      }

      @Override
      public Object snapshot(Tenant a) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                """
                select t.*, v.subject, v.body, v.version as content_version,
                       (select count(*) from audit_logs l where l.organization_id = t.organization_id) as audit_entries
                  from notification_templates t join notification_template_versions v on v.template_id = t.id
                 where t.organization_id = :org order by t.id, v.version
                """)
            .bind("org", a.organizationId()).mapToMap().list().toString());
      }
    };
  }

  /** An in-app message A's admin sent to themself, by its id; A's messages and their deliveries (read, archived) as the snapshot. */
  static IsolationCase aMessageToItsAdmin() {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return new Target(Map.of("id", Notify.inApp(a, "for A's admin", Role.ORG_ADMIN).toString()), null);
      }

      @Override
      public Object snapshot(Tenant a) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                """
                select n.subject as message_subject, d.* from notifications n join notification_deliveries d on d.notification_id = n.id
                 where n.organization_id = :org order by d.id
                """)
            .bind("org", a.organizationId()).mapToMap().list().toString());
      }
    };
  }
}

package dev.saaskit.workers;

import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks on every workers route. */
class RouteSecurityTest {

  static final String MODULE = "workers";

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_the_rule_and_keys_without_the_scopes_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_templates_and_jobs_are_not_found_and_stay_as_they_were() {
    String replacement = "{\"name\": \"taken over\", \"steps\": [{\"key\": \"x\", \"type\": \"delay\", \"delay\": {\"seconds\": 1}}]}";
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-worker-template", aTemplate(null),
        "update-worker-template", aTemplate(replacement),
        "delete-worker-template", aTemplate(null),
        "get-job", aJob(false),
        "cancel-job", aJob(false),
        "retry-job", aJob(true)), Map.of());
  }

  static Map<String, Object> definition() {
    return Workers.definition("isolated-" + Workers.unique(), List.of(Workers.transform("shape", Map.of("n", 1))));
  }

  /** Organization A's template, by its id; A's templates and their versions as the snapshot. */
  static IsolationCase aTemplate(String body) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        return new Target(Map.of("id", Workers.template(a, definition()).path("id").asString()), body);
      }

      @Override
      public Object snapshot(Tenant a) {
        return rows(a, """
            select t.*, v.version as v, v.definition::text from worker_templates t join worker_template_versions v on v.template_id = t.id
             where t.organization_id = :org order by t.id, v.version
            """);
      }
    };
  }

  /** Organization A's job (a failed one when {@code failed}), by its id; A's jobs and their steps as the snapshot. */
  static IsolationCase aJob(boolean failed) {
    return new IsolationCase() {
      @Override
      public Target prepare(Tenant a) {
        String id = Workers.job(a, List.of(Workers.transform("shape", Map.of("n", 1)))).path("id").asString();
        if (failed) {
          Workers.sql("update worker_jobs set status = 'failed', error = 'for the test', finished_at = now() where id = ?::uuid", id);
          Workers.sql("update worker_job_steps set status = 'failed', error = 'for the test' where job_id = ?::uuid", id);
        }
        return new Target(Map.of("id", id), null);
      }

      @Override
      public Object snapshot(Tenant a) {
        return rows(a, """
            select j.id, j.status, j.error, j.finished_at, s.step_key, s.status as step_status, s.attempts, s.version
              from worker_jobs j join worker_job_steps s on s.job_id = j.id where j.organization_id = :org order by j.id, s.position
            """);
      }
    };
  }

  static String rows(Tenant a, String sql) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(sql).bind("org", a.organizationId()).mapToMap().list().toString());
  }
}

package dev.saaskit.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The daily audit-retention schedule: each plan's retention, the platform's, and export files past their time. */
class ApplyAuditRetentionTest {

  final Instant now = Instant.now();

  static boolean exists(UUID entry) {
    return Audit.one("select count(*) from audit_logs where id = ?", Integer.class, entry) == 1;
  }

  static Tenant on(String plan) {
    Tenant t = Audit.tenant();
    TestDatabase.get().jdbi().useHandle(h -> h.execute("update organizations set plan = ? where id = ?", plan, t.organizationId()));
    return t;
  }

  Instant daysAgo(int days) {
    return now.minus(days, ChronoUnit.DAYS);
  }

  @Test
  void entries_past_their_plans_retention_are_purged_and_the_rest_kept() {
    Tenant free = on("free");
    Tenant pro = on("pro");
    Tenant enterprise = on("enterprise");
    String action = Audit.action();
    UUID free31 = Audit.entry(free.organizationId(), action, daysAgo(31));
    UUID free29 = Audit.entry(free.organizationId(), action, daysAgo(29));
    UUID pro366 = Audit.entry(pro.organizationId(), action, daysAgo(366));
    UUID pro31 = Audit.entry(pro.organizationId(), action, daysAgo(31));
    UUID enterprise3000 = Audit.entry(enterprise.organizationId(), action, daysAgo(3000));
    UUID platform366 = Audit.entry(null, action, daysAgo(366));
    UUID platform31 = Audit.entry(null, action, daysAgo(31));
    UUID purgedOrganization = Audit.entry(UUID.randomUUID(), action, daysAgo(366));

    JsonNode result = Audit.applyRetention();

    assertThat(result.path("purged_entries").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(exists(free31)).isFalse();
    assertThat(exists(free29)).isTrue();
    assertThat(exists(pro366)).isFalse();
    assertThat(exists(pro31)).isTrue();
    assertThat(exists(enterprise3000)).as("enterprise keeps its trail").isTrue();
    assertThat(exists(platform366)).isFalse();
    assertThat(exists(platform31)).isTrue();
    assertThat(exists(purgedOrganization)).as("an organization that is gone: the platform's retention").isFalse();
  }

  @Test
  void a_retention_an_operator_sets_on_a_plan_applies_on_the_next_run() {
    Tenant enterprise = on("enterprise");
    UUID old = Audit.entry(enterprise.organizationId(), Audit.action(), daysAgo(800));
    try {
      TestDatabase.get().jdbi().useHandle(h -> h.execute("update plans set audit_retention_days = 730 where code = 'enterprise'"));
      Audit.applyRetention();
    } finally {
      TestDatabase.get().jdbi().useHandle(h -> h.execute("update plans set audit_retention_days = null where code = 'enterprise'"));
    }
    assertThat(exists(old)).isFalse();
  }

  @Test
  void an_export_file_past_its_keeping_time_is_deleted_and_the_export_says_expired() {
    Tenant tenant = Audit.tenant();
    String admin = tenant.token(Role.ORG_ADMIN);
    JsonNode export = Audit.produced(admin, Map.of("format", "csv"));
    String key = Audit.one("select object_key from audit_exports where id = ?", String.class, UUID.fromString(export.path("id").asString()));
    TestDatabase.get().jdbi().useHandle(h -> h.execute("update audit_exports set file_expires_at = now() - interval '1 minute' where id = ?",
        UUID.fromString(export.path("id").asString())));

    JsonNode result = Audit.applyRetention();

    assertThat(result.path("expired_export_files").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode after = Api.get("/api/v1/audit-logs/exports/" + export.path("id").asString()).bearer(admin).send().json();
    assertThat(after.path("status").asString()).isEqualTo("expired");
    assertThat(after.path("download_url").isNull()).isTrue();
    assertThat(TestStorage.get().get(URI.create(export.path("download_url").asString())).statusCode()).isEqualTo(404);
    assertThat(TestStorage.get().client().listObjectsV2(r -> r.bucket(TestStorage.get().bucket()).prefix(key)).contents()).isEmpty();
  }
}

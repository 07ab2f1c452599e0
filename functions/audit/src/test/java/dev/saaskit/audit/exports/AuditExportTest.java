package dev.saaskit.audit.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/audit-logs/exports} and {@code GET /api/v1/audit-logs/exports/{id}}, with the audit-exports consumer between them. */
class AuditExportTest {

  final Tenant tenant = Audit.tenant();
  final String admin = tenant.token(Role.ORG_ADMIN);
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  static HttpResponse<String> download(JsonNode export) {
    HttpResponse<String> file = TestStorage.get().get(URI.create(export.path("download_url").asString()));
    assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
    return file;
  }

  @Nested
  class Ok {
    @Test
    void a_csv_export_holds_the_filtered_entries_newest_first_behind_a_link_that_expires() {
      String action = Audit.action();
      UUID older = Audit.entry(tenant.organizationId(), action, now.minusSeconds(20));
      UUID newer = Audit.entry(tenant.organizationId(), action, now.minusSeconds(10));
      Audit.entry(tenant.organizationId(), Audit.action(), now);
      Audit.entry(Audit.tenant().organizationId(), action, now);

      ApiResponse created = Audit.export(admin, Map.of("format", "csv", "action", action));
      assertThat(created.status()).as(created.toString()).isEqualTo(202);
      assertThat(created.json().path("status").asString()).isEqualTo("queued");
      assertThat(created.json().path("download_url").isNull()).isTrue();
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);
      JsonNode export = Api.get("/api/v1/audit-logs/exports/" + created.json().path("id").asString()).bearer(admin).send().json();

      assertThat(export.path("status").asString()).isEqualTo("succeeded");
      assertThat(export.path("row_count").asLong()).isEqualTo(2);
      assertThat(export.path("filter").path("action").asString()).isEqualTo(action);
      assertThat(export.path("filter").path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      String url = export.path("download_url").asString();
      assertThat(url).contains("/audit/exports/" + tenant.organizationId() + "/").contains("X-Amz-Expires=900");
      assertThat(Instant.parse(export.path("download_expires_at").asString())).isAfter(Instant.now().plusSeconds(800));
      assertThat(Instant.parse(export.path("file_expires_at").asString())).isAfter(Instant.now().plus(6, ChronoUnit.DAYS));
      HttpResponse<String> file = download(export);
      assertThat(export.path("size_bytes").asLong()).isEqualTo(file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      List<String> lines = Arrays.asList(file.body().split("\r\n"));
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).isEqualTo(
          "id,created_at,organization_id,actor_user_id,actor_api_key_id,action,resource_type,resource_id,request_id,ip,user_agent,details");
      assertThat(lines.get(1)).startsWith(newer + ",").contains(",\"'=cmd|agent, \"\"quoted\"\"\",");
      assertThat(lines.get(2)).startsWith(older + ",");
    }

    @Test
    void a_json_lines_export_has_one_entry_per_line_as_the_list_shows_it() {
      String action = Audit.action();
      UUID id = Audit.entry(tenant.organizationId(), tenant.member(Role.USER), action, "page", "about", now);

      JsonNode export = Audit.produced(admin, Map.of("format", "jsonl", "action", action, "from", now.minusSeconds(5).toString()));

      String[] lines = download(export).body().split("\n");
      assertThat(lines).hasSize(1);
      JsonNode listed = Api.get("/api/v1/audit-logs?action=" + action).bearer(admin).send().json().path("data").get(0);
      assertThat(Json.tree(lines[0])).isEqualTo(listed);
      assertThat(listed.path("id").asString()).isEqualTo(id.toString());
    }

    @Test
    void asking_for_an_export_is_itself_in_the_trail() {
      ApiResponse created = Audit.export(admin, Map.of("format", "csv"));
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);

      JsonNode entry = Api.get("/api/v1/audit-logs?action=audit_export.created&resource_id=" + created.json().path("id").asString())
          .bearer(admin).send().json().path("data").get(0);
      assertThat(entry.path("actor_user_id").asString()).isEqualTo(tenant.member(Role.ORG_ADMIN).toString());
      assertThat(entry.path("details").path("format").asString()).isEqualTo("csv");
    }

    @Test
    void a_super_admins_export_across_organizations_is_seen_by_super_admins_only() {
      String action = Audit.action();
      Tenant home = Audit.tenant();
      String superAdmin = Audit.superAdmin(home);
      UUID a = Audit.entry(tenant.organizationId(), action, now.minusSeconds(2));
      UUID b = Audit.entry(Audit.tenant().organizationId(), action, now.minusSeconds(1));

      JsonNode export = Audit.produced(superAdmin, Map.of("format", "csv", "action", action));

      assertThat(export.path("filter").path("organization_id").isNull()).isTrue();
      assertThat(download(export).body()).contains(a.toString(), b.toString());
      ApiResponse byHomeAdmin = Api.get("/api/v1/audit-logs/exports/" + export.path("id").asString()).bearer(home.token(Role.ORG_ADMIN)).send();
      assertThat(byHomeAdmin.status()).as("the home organization's admin may not read other organizations' entries").isEqualTo(404);
    }

    @Test
    void a_super_admin_exports_one_other_organization() {
      String action = Audit.action();
      UUID id = Audit.entry(tenant.organizationId(), action, now);
      Audit.entry(Audit.tenant().organizationId(), action, now);

      JsonNode export = Audit.produced(Audit.superAdmin(Audit.tenant()),
          Map.of("format", "jsonl", "action", action, "organization_id", tenant.organizationId().toString()));

      assertThat(download(export).body().split("\n")).hasSize(1).allSatisfy(line -> assertThat(line).contains(id.toString()));
    }

    @Test
    void a_large_export_is_streamed_to_s3_in_parts() {
      String action = Audit.action();
      TestDatabase.get().jdbi().useHandle(h -> h.execute(
          """
          insert into audit_logs (id, organization_id, action, resource_type, resource_id, user_agent, details, created_at)
          select gen_random_uuid(), ?, ?, 'thing', 'r-' || n, repeat('a', 200), '{}'::jsonb, now()
            from generate_series(1, 24000) n
          """, tenant.organizationId(), action));

      JsonNode export = Audit.produced(admin, Map.of("format", "csv", "action", action));

      assertThat(export.path("row_count").asLong()).isEqualTo(24000);
      assertThat(export.path("size_bytes").asLong()).as("more than one 5 MiB part").isGreaterThan(5L * 1024 * 1024);
      String body = download(export).body();
      assertThat(body.length()).isEqualTo(export.path("size_bytes").asLong());
      assertThat(body.split("\r\n")).hasSize(24001);
    }

    @Test
    void the_same_idempotency_key_replays_the_first_export_instead_of_a_second() {
      String key = UUID.randomUUID().toString();
      ApiResponse first = Api.post("/api/v1/audit-logs/exports").bearer(admin).idempotencyKey(key).json(Map.of("format", "csv")).send();
      ApiResponse again = Api.post("/api/v1/audit-logs/exports").bearer(admin).idempotencyKey(key).json(Map.of("format", "csv")).send();
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);

      assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
      assertThat(again.header("idempotent-replayed")).isEqualTo("true");
      assertThat(Audit.one("select count(*) from audit_exports where organization_id = ?", Integer.class, tenant.organizationId())).isEqualTo(1);
    }

    @Test
    void a_second_delivery_of_the_message_changes_nothing() {
      ApiResponse created = Audit.export(admin, Map.of("format", "csv"));
      UUID id = UUID.fromString(created.json().path("id").asString());
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);
      JsonNode first = Api.get("/api/v1/audit-logs/exports/" + id).bearer(admin).send().json();

      QueuePump.publish(Audit.QUEUE, Map.of("export_id", id.toString(), "organization_id", tenant.organizationId().toString()), "again");
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);

      JsonNode second = Api.get("/api/v1/audit-logs/exports/" + id).bearer(admin).send().json();
      assertThat(second.path("completed_at")).isEqualTo(first.path("completed_at"));
      assertThat(second.path("row_count")).isEqualTo(first.path("row_count"));
    }
  }

  @Nested
  class Failed {
    @Test
    void a_file_that_cannot_be_written_is_retried_then_the_export_says_failed() {
      QueuePump.drain(Audit.QUEUE, Audit.PRODUCER);
      ApiResponse created = Audit.export(admin, Map.of("format", "csv"));
      String id = created.json().path("id").asString();
      int receives = 0;
      for (int round = 0; round < 10; round++) {
        // A new container each time, writing to a bucket that does not exist.
        int delivered = Lambda.withSettings(Map.of("STORAGE_BUCKET", "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8)),
            () -> QueuePump.once(Audit.QUEUE, event -> Lambda.invoke(Lambda.coldStart(Audit.PRODUCER), event)).size());
        if (delivered == 0) {
          break;
        }
        receives += delivered;
        JsonNode status = Api.get("/api/v1/audit-logs/exports/" + id).bearer(admin).send().json();
        if (!status.path("status").asString().equals("queued")) {
          break;
        }
      }

      JsonNode export = Api.get("/api/v1/audit-logs/exports/" + id).bearer(admin).send().json();
      assertThat(receives).as("SQS redelivered it until the last receive").isEqualTo(3);
      assertThat(export.path("status").asString()).isEqualTo("failed");
      assertThat(export.path("error").asString()).isEqualTo("the file could not be written; ask for a new export");
      assertThat(export.path("download_url").isNull()).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void no_or_an_unknown_format_a_backwards_range_or_a_bad_id() {
      for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("format", "xml"),
          Map.of("format", "csv", "from", "2030-01-02T00:00:00Z", "to", "2030-01-01T00:00:00Z"),
          Map.of("format", "csv", "organization_id", "7"), Map.of("format", "csv", "surprise", true))) {
        ApiResponse r = Audit.export(admin, body);
        assertThat(r.status()).as(body + " " + r).isEqualTo(400);
      }
      assertThat(Api.get("/api/v1/audit-logs/exports/7").bearer(admin).send().problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertThat(Audit.export(null, Map.of("format", "csv")).status()).isEqualTo(401);
      assertThat(Api.get("/api/v1/audit-logs/exports/" + UUID.randomUUID()).send().status()).isEqualTo(401);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin_and_keys_without_audit_read() {
      for (Role role : List.of(Role.USER, Role.BILLING_ADMIN)) {
        assertThat(Audit.export(tenant.token(role), Map.of("format", "csv")).problem()).isEqualTo("forbidden");
      }
      assertThat(Audit.export(tenant.apiKey("jobs:read").secret(), Map.of("format", "csv")).problem()).isEqualTo("insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_export_and_another_organization_as_filter() {
      assertThat(Api.get("/api/v1/audit-logs/exports/" + UUID.randomUUID()).bearer(admin).send().status()).isEqualTo(404);
      ApiResponse r = Audit.export(admin, Map.of("format", "csv", "organization_id", Audit.tenant().organizationId().toString()));
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(Audit.one("select count(*) from audit_exports where organization_id = ?", Integer.class, tenant.organizationId())).isZero();
    }
  }
}

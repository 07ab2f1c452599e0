package dev.saaskit.audit.dataexports;

import static dev.saaskit.audit.dataexports.DataExports.PRODUCER;
import static dev.saaskit.audit.dataexports.DataExports.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestQueues;
import dev.saaskit.testkit.TestStorage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/exports} and {@code GET /api/v1/exports/{id}}, with the data-exports consumer between them. */
class DataExportTest {

  final Tenant tenant = Audit.tenant();
  final String admin = tenant.token(Role.ORG_ADMIN);

  static Set<String> ids(List<JsonNode> lines, String field) {
    return lines.stream().map(l -> l.path(field).asString()).collect(Collectors.toSet());
  }

  static List<String> objects(Tenant tenant) {
    return TestStorage.get().client().listObjectsV2(r -> r.bucket(TestStorage.get().bucket())
            .prefix("audit/exports/" + tenant.organizationId() + "/data/"))
        .contents().stream().map(o -> o.key()).toList();
  }

  @Nested
  class Ok {
    @Test
    void every_section_of_the_organization_is_in_the_file_and_nothing_secret_nor_another_organizations() {
      DataExports.Seeded seeded = DataExports.seed(tenant);
      DataExports.Seeded other = DataExports.seed(Audit.tenant());

      ApiResponse created = DataExports.create(admin);
      assertThat(created.status()).as(created.toString()).isEqualTo(202);
      assertThat(created.json().path("status").asString()).isEqualTo("queued");
      assertThat(created.json().path("download_url").isNull()).isTrue();
      QueuePump.drain(QUEUE, PRODUCER);
      JsonNode export = DataExports.status(admin, created.json().path("id").asString()).json();

      assertThat(export.path("status").asString()).isEqualTo("completed");
      assertThat(export.path("progress").path("sections_done").valueStream().map(JsonNode::asString).toList())
          .isEqualTo(DataExports.SECTIONS);
      assertThat(export.path("progress").path("sections_total").asInt()).isEqualTo(7);
      assertThat(export.path("download_url").asString())
          .contains("/audit/exports/" + tenant.organizationId() + "/data/").contains("X-Amz-Expires=900");
      assertThat(Instant.parse(export.path("download_expires_at").asString())).isAfter(Instant.now().plusSeconds(800));
      byte[] file = DataExports.download(export);
      assertThat((long) file.length).isEqualTo(export.path("size_bytes").asLong());
      List<String> text = DataExports.lines(file);
      List<JsonNode> lines = DataExports.parsed(text);
      assertThat((long) lines.size()).isEqualTo(export.path("row_count").asLong()).isEqualTo(export.path("progress").path("rows_written").asLong());
      assertThat(lines.stream().map(l -> l.path("type").asString()).distinct().toList()).isEqualTo(DataExports.SECTIONS);

      List<JsonNode> members = DataExports.ofType(lines, "member");
      assertThat(ids(members, "user_id")).containsExactlyInAnyOrder(tenant.members().values().stream().map(UUID::toString).toArray(String[]::new));
      JsonNode adminLine = members.stream().filter(m -> m.path("role").asString().equals("org_admin")).findFirst().orElseThrow();
      assertThat(adminLine.path("email").asString()).startsWith("org_admin-");
      assertThat(adminLine.path("full_name").asString()).isNotBlank();
      assertThat(adminLine.path("joined_at").isString()).isTrue();

      JsonNode workspace = DataExports.ofType(lines, "workspace").getFirst();
      assertThat(workspace.path("id").asString()).isEqualTo(seeded.workspace().toString());
      assertThat(workspace.path("name").asString()).isEqualTo("Research");
      assertThat(workspace.path("members").valueStream().map(m -> m.path("user_id").asString() + ":" + m.path("role").asString()))
          .containsExactlyInAnyOrder(tenant.member(Role.ORG_ADMIN) + ":admin", tenant.member(Role.USER) + ":viewer");

      JsonNode key = DataExports.ofType(lines, "api_key").getFirst();
      assertThat(key.path("id").asString()).isEqualTo(seeded.key().id().toString());
      assertThat(key.path("prefix").asString()).isNotBlank();
      assertThat(seeded.key().secret()).startsWith(key.path("prefix").asString());
      assertThat(key.path("scopes").valueStream().map(JsonNode::asString)).containsExactly("audit:read", "jobs:write");
      assertThat(key.path("workspace_id").asString()).isEqualTo(seeded.workspace().toString());
      assertThat(key.path("last_used_at").isString()).isTrue();

      assertThat(DataExports.ofType(lines, "ticket")).singleElement().satisfies(t -> {
        assertThat(t.path("id").asString()).isEqualTo(seeded.ticket().toString());
        assertThat(t.path("subject").asString()).isEqualTo("Printer on fire");
      });
      assertThat(DataExports.ofType(lines, "ticket_comment")).singleElement().satisfies(c -> {
        assertThat(c.path("id").asString()).isEqualTo(seeded.publicComment().toString());
        assertThat(c.path("body").asString()).isEqualTo("It is still burning");
      });
      assertThat(DataExports.ofType(lines, "notification")).singleElement().satisfies(n -> {
        assertThat(n.path("id").asString()).isEqualTo(seeded.notification().toString());
        assertThat(n.path("channel").asString()).isEqualTo("in_app");
        assertThat(n.path("body").asString()).isEqualTo("Hello there");
        assertThat(n.path("user_id").asString()).isEqualTo(tenant.member(Role.USER).toString());
      });
      List<JsonNode> entries = DataExports.ofType(lines, "audit_log");
      assertThat(ids(entries, "id")).contains(seeded.auditEntry().toString());
      JsonNode listed = Api.get("/api/v1/audit-logs?action=" + seeded.action()).bearer(admin).send().json().path("data").get(0);
      JsonNode entry = entries.stream().filter(e -> e.path("id").asString().equals(seeded.auditEntry().toString())).findFirst().orElseThrow();
      ObjectNode fields = (ObjectNode) entry.deepCopy();
      fields.remove("type");
      assertThat(fields).isEqualTo(listed);

      String all = String.join("\n", text);
      assertThat(all).doesNotContain(seeded.key().secret(), seeded.keyHash(), seeded.internalNote(), seeded.internalComment().toString(),
          seeded.notificationToken(), "secret", "hash", "password");
      assertThat(all).doesNotContain(other.workspace().toString(), other.key().id().toString(), other.ticket().toString(),
          other.publicComment().toString(), other.notification().toString(), other.auditEntry().toString());
      assertThat(objects(tenant)).containsExactly("audit/exports/" + tenant.organizationId() + "/data/" + export.path("id").asString() + ".jsonl.gz");
    }

    @Test
    void a_large_organization_is_read_and_written_in_batches() {
      TestDatabase.get().jdbi().useHandle(h -> {
        h.execute("""
            insert into audit_logs (id, organization_id, action, resource_type, resource_id, details, created_at)
            select gen_random_uuid(), ?, 'bulk.entry', 'thing', 'r-' || n, '{}'::jsonb, now() from generate_series(1, 3000) n
            """, tenant.organizationId());
        h.execute("""
            insert into workspaces (id, organization_id, name) select gen_random_uuid(), ?, 'w-' || n from generate_series(1, 250) n
            """, tenant.organizationId());
        h.execute("""
            insert into workspace_members (workspace_id, organization_id, user_id, role)
            select id, organization_id, ?, 'viewer' from workspaces where organization_id = ?
            """, tenant.member(Role.USER), tenant.organizationId());
        h.execute("""
            insert into support_tickets (id, organization_id, requester_id, subject)
            select gen_random_uuid(), ?, ?, 'ticket ' || n from generate_series(1, 120) n
            """, tenant.organizationId(), tenant.member(Role.USER));
        h.execute("""
            insert into support_comments (id, ticket_id, organization_id, author_id, by_agent, internal, body)
            select gen_random_uuid(), id, organization_id, requester_id, n = 2, n = 2, 'reply ' || n
              from support_tickets, generate_series(1, 2) n where organization_id = ?
            """, tenant.organizationId());
      });
      ApiResponse created = DataExports.create(admin);
      Lambda.withSettings(Map.of("DATA_EXPORT_BATCH_SIZE", "100"), () -> QueuePump.drain(QUEUE, PRODUCER));

      JsonNode export = DataExports.status(admin, created.json().path("id").asString()).json();
      assertThat(export.path("status").asString()).isEqualTo("completed");
      List<JsonNode> lines = DataExports.parsed(DataExports.lines(DataExports.download(export)));
      long auditEntries = Audit.one("select count(*) from audit_logs where organization_id = ?", Long.class, tenant.organizationId());
      assertThat(auditEntries).isGreaterThan(3000);
      assertThat(new HashSet<>(ids(DataExports.ofType(lines, "audit_log"), "id"))).hasSize((int) auditEntries);
      assertThat(DataExports.ofType(lines, "audit_log")).hasSize((int) auditEntries);
      assertThat(DataExports.ofType(lines, "workspace")).hasSize(250)
          .allSatisfy(w -> assertThat(w.path("members").size()).as("each workspace's own members, across batches").isEqualTo(1));
      assertThat(ids(DataExports.ofType(lines, "workspace"), "id")).hasSize(250);
      assertThat(DataExports.ofType(lines, "ticket")).hasSize(120);
      assertThat(DataExports.ofType(lines, "ticket_comment")).hasSize(120)
          .allSatisfy(c -> assertThat(c.path("body").asString()).isEqualTo("reply 1"));
      assertThat(export.path("row_count").asLong()).isEqualTo(lines.size()).isEqualTo(3 + 250 + 120 + 120 + auditEntries);
    }

    @Test
    void a_second_delivery_of_the_message_writes_no_second_file_and_changes_nothing() {
      ApiResponse created = DataExports.create(admin);
      String id = created.json().path("id").asString();
      QueuePump.drain(QUEUE, PRODUCER);
      JsonNode first = DataExports.status(admin, id).json();

      QueuePump.publish(QUEUE, Map.of("export_id", id, "organization_id", tenant.organizationId().toString()), "again");
      QueuePump.drain(QUEUE, PRODUCER);

      JsonNode second = DataExports.status(admin, id).json();
      assertThat(second.path("status").asString()).isEqualTo("completed");
      assertThat(second.path("completed_at")).isEqualTo(first.path("completed_at"));
      assertThat(second.path("size_bytes")).isEqualTo(first.path("size_bytes"));
      assertThat(objects(tenant)).hasSize(1);
      assertThat(Audit.one("select attempt from data_exports where id = ?", Integer.class, UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void a_delivery_while_a_live_attempt_writes_does_nothing_and_a_dead_attempt_is_taken_over() {
      ApiResponse created = DataExports.create(admin);
      String id = created.json().path("id").asString();
      // An attempt claimed it a moment ago and is still writing (its invocation has not timed out).
      TestDatabase.get().jdbi().useHandle(h -> h.execute(
          "update data_exports set status = 'running', attempt = 1, claimed_at = now() where id = ?", UUID.fromString(id)));

      QueuePump.drain(QUEUE, PRODUCER);
      assertThat(DataExports.status(admin, id).json().path("status").asString()).isEqualTo("running");
      assertThat(objects(tenant)).isEmpty();

      // That attempt's invocation ended long ago without a word; SQS delivers the message again.
      TestDatabase.get().jdbi().useHandle(h -> h.execute(
          "update data_exports set claimed_at = now() - interval '1 hour' where id = ?", UUID.fromString(id)));
      QueuePump.publish(QUEUE, Map.of("export_id", id, "organization_id", tenant.organizationId().toString()), "redelivered");
      QueuePump.drain(QUEUE, PRODUCER);

      JsonNode export = DataExports.status(admin, id).json();
      assertThat(export.path("status").asString()).isEqualTo("completed");
      assertThat(Audit.one("select attempt from data_exports where id = ?", Integer.class, UUID.fromString(id))).isEqualTo(2);
      assertThat(objects(tenant)).hasSize(1);
    }

    @Test
    void the_same_idempotency_key_replays_the_first_export_instead_of_a_409() {
      String key = UUID.randomUUID().toString();
      ApiResponse first = Api.post("/api/v1/exports").bearer(admin).idempotencyKey(key).send();
      ApiResponse again = Api.post("/api/v1/exports").bearer(admin).idempotencyKey(key).send();

      assertThat(again.status()).isEqualTo(202);
      assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
      assertThat(again.header("idempotent-replayed")).isEqualTo("true");
      assertThat(Audit.one("select count(*) from data_exports where organization_id = ?", Integer.class, tenant.organizationId())).isEqualTo(1);
    }

    @Test
    void the_file_is_deleted_after_its_keeping_time_and_the_export_says_expired() {
      JsonNode written = DataExports.produced(admin);
      assertThat(Instant.parse(written.path("file_expires_at").asString())).isAfter(Instant.now().plus(6, ChronoUnit.DAYS));
      String id = written.path("id").asString();
      TestDatabase.get().jdbi().useHandle(h -> h.execute(
          "update data_exports set file_expires_at = now() - interval '1 minute' where id = ?", UUID.fromString(id)));

      JsonNode run = Audit.applyRetention();

      assertThat(run.path("expired_data_export_files").asInt()).isGreaterThanOrEqualTo(1);
      JsonNode export = DataExports.status(admin, id).json();
      assertThat(export.path("status").asString()).isEqualTo("expired");
      assertThat(export.path("download_url").isNull()).isTrue();
      assertThat(objects(tenant)).isEmpty();
    }

    @Test
    void asking_for_an_export_is_in_the_audit_trail() {
      String id = DataExports.create(admin).json().path("id").asString();

      JsonNode entry = Api.get("/api/v1/audit-logs?action=data_export.created&resource_id=" + id).bearer(admin).send().json().path("data").get(0);
      assertThat(entry.path("actor_user_id").asString()).isEqualTo(tenant.member(Role.ORG_ADMIN).toString());
      assertThat(entry.path("resource_type").asString()).isEqualTo("data_export");
    }

    @Test
    void an_export_not_written_within_a_day_no_longer_blocks_a_new_one() {
      String stale = DataExports.create(admin).json().path("id").asString();
      TestDatabase.get().jdbi().useHandle(h -> h.execute(
          "update data_exports set created_at = now() - interval '25 hours' where id = ?", UUID.fromString(stale)));

      ApiResponse created = DataExports.create(admin);

      assertThat(created.status()).as(created.toString()).isEqualTo(202);
      JsonNode old = DataExports.status(admin, stale).json();
      assertThat(old.path("status").asString()).isEqualTo("failed");
      assertThat(old.path("error").asString()).isEqualTo("the export did not finish in time; ask for a new one");
    }
  }

  @Nested
  class Failed {
    @Test
    void a_file_that_cannot_be_written_is_retried_then_failed_with_its_progress_and_the_message_goes_to_the_dlq() {
      QueuePump.drain(QUEUE, PRODUCER);
      DataExports.seed(tenant);
      String id = DataExports.create(admin).json().path("id").asString();
      int receives = 0;
      for (int round = 0; round < 10; round++) {
        // Each receive writes to a bucket that does not exist.
        int delivered = Lambda.withSettings(Map.of("STORAGE_BUCKET", "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8)),
            () -> QueuePump.once(QUEUE, event -> Lambda.invoke(Lambda.coldStart(PRODUCER), event)).size());
        if (delivered == 0) {
          break;
        }
        receives += delivered;
        if (receives == 1) {
          JsonNode between = DataExports.status(admin, id).json();
          assertThat(between.path("status").asString()).as("back in the queue for SQS's next delivery").isEqualTo("queued");
          assertThat(between.path("progress").path("sections_done").size()).as("progress is committed batch by batch").isEqualTo(7);
        }
      }

      JsonNode export = DataExports.status(admin, id).json();
      assertThat(receives).as("SQS redelivered it until the last receive").isEqualTo(3);
      assertThat(export.path("status").asString()).isEqualTo("failed");
      assertThat(export.path("error").asString()).isEqualTo("the file could not be written; ask for a new export");
      assertThat(export.path("progress").path("rows_written").asLong()).isGreaterThan(7);
      assertThat(export.path("download_url").isNull()).isTrue();
      assertThat(TestQueues.get().take(QUEUE + "-dlq", 1)).anySatisfy(m -> assertThat(m.body()).contains(id));
      assertThat(DataExports.create(admin).status()).as("a failed export is no longer in progress").isEqualTo(202);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_export_id_that_is_not_a_uuid_and_a_bad_idempotency_key() {
      assertThat(DataExports.status(admin, "7").problem()).isEqualTo("invalid_parameter");
      ApiResponse r = Api.post("/api/v1/exports").bearer(admin).idempotencyKey("x".repeat(300)).send();
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(Audit.one("select count(*) from data_exports where organization_id = ?", Integer.class, tenant.organizationId())).isZero();
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertThat(DataExports.create(null).status()).isEqualTo(401);
      assertThat(DataExports.status(null, UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void with_an_api_key_which_these_routes_do_not_take() {
      String id = DataExports.create(admin).json().path("id").asString();
      String key = tenant.apiKey("audit:read").secret();
      assertThat(DataExports.create(key).status()).isEqualTo(401);
      assertThat(DataExports.status(key, id).status()).isEqualTo(401);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin() {
      String id = DataExports.create(admin).json().path("id").asString();
      for (Role role : List.of(Role.USER, Role.BILLING_ADMIN)) {
        assertThat(DataExports.create(tenant.token(role)).problem()).isEqualTo("forbidden");
        assertThat(DataExports.status(tenant.token(role), id).problem()).isEqualTo("forbidden");
      }
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_export_and_another_organizations_export() {
      Tenant other = Audit.tenant();
      String theirs = DataExports.create(other.token(Role.ORG_ADMIN)).json().path("id").asString();
      QueuePump.drain(QUEUE, PRODUCER);

      assertThat(DataExports.status(admin, UUID.randomUUID()).status()).isEqualTo(404);
      ApiResponse r = DataExports.status(admin, theirs);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("download_url");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_second_export_while_the_first_is_in_progress() {
      String first = DataExports.create(admin).json().path("id").asString();

      ApiResponse second = DataExports.create(admin);

      assertThat(second.status()).isEqualTo(409);
      assertThat(second.json().path("code").asString()).isEqualTo("export_in_progress");
      assertThat(second.json().path("export_id").asString()).isEqualTo(first);
      QueuePump.drain(QUEUE, PRODUCER);
      assertThat(DataExports.create(admin).status()).as("once written, another may be asked for").isEqualTo(202);
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void more_exports_in_a_day_than_the_setting_allows() {
      ApiResponse refused = Lambda.withSettings(Map.of("DATA_EXPORTS_PER_DAY", "1"), () -> {
        DataExports.produced(admin);
        return DataExports.create(admin);
      });

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.json().path("code").asString()).isEqualTo("too_many_exports");
      assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(80_000L, 86_400L);
      assertThat(Audit.one("select count(*) from data_exports where organization_id = ?", Integer.class, tenant.organizationId())).isEqualTo(1);
    }
  }
}

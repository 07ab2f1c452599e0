package dev.saaskit.audit.dataexports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/** Shorthands for the data export tests: an organization's rows of every domain, exports asked for, produced and downloaded. */
final class DataExports {

  static final String QUEUE = "data-exports";
  static final String PRODUCER = "produce-data-export";
  static final List<String> SECTIONS = List.of("member", "workspace", "api_key", "ticket", "ticket_comment", "notification", "audit_log");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DataExports() {}

  /** What {@link #seed} wrote: the ids to look for, and what must never be in a file. */
  record Seeded(UUID workspace, TestApiKey key, String keyHash, UUID ticket, UUID publicComment, UUID internalComment,
      String internalNote, UUID notification, String notificationToken, UUID auditEntry, String action) {}

  /** One row or more of every section in the organization, written as each domain writes them. */
  static Seeded seed(Tenant tenant) {
    UUID org = tenant.organizationId();
    UUID admin = tenant.member(Role.ORG_ADMIN);
    UUID user = tenant.member(Role.USER);
    UUID workspace = Ids.newId();
    UUID ticket = Ids.newId();
    UUID publicComment = Ids.newId();
    UUID internalComment = Ids.newId();
    UUID notification = Ids.newId();
    UUID delivery = Ids.newId();
    String internalNote = "internal note " + UUID.randomUUID();
    String token = "token-" + UUID.randomUUID();
    TestApiKey key = tenant.apiKey("audit:read", "jobs:write");
    TestDatabase.get().jdbi().useTransaction(h -> {
      h.execute("insert into workspaces (id, organization_id, name, description) values (?, ?, 'Research', 'lab work')", workspace, org);
      h.execute("insert into workspace_members (workspace_id, organization_id, user_id, role) values (?, ?, ?, 'admin'), (?, ?, ?, 'viewer')",
          workspace, org, admin, workspace, org, user);
      h.execute("update api_keys set workspace_id = ? where id = ?", workspace, key.id());
      h.execute("insert into api_key_rate_windows (key_id, window_end, requests, last_used_at) values (?, now(), 1, now())", key.id());
      h.execute("insert into support_tickets (id, organization_id, requester_id, subject, tags) values (?, ?, ?, 'Printer on fire', '{urgent}')",
          ticket, org, user);
      h.execute("""
          insert into support_comments (id, ticket_id, organization_id, author_id, by_agent, internal, body)
          values (?, ?, ?, ?, false, false, 'It is still burning'), (?, ?, ?, ?, true, true, ?)
          """, publicComment, ticket, org, user, internalComment, ticket, org, UUID.randomUUID(), internalNote);
      h.execute("""
          insert into notifications (id, organization_id, source, template_name, category, locale, variables, send_at)
          values (?, ?, 'api', 'welcome', 'updates', 'en', cast(? as jsonb), now())
          """, notification, org, Json.write(Map.of("token", token)));
      h.execute("""
          insert into notification_deliveries (id, notification_id, organization_id, channel, user_id, status, subject, body, sent_at)
          values (?, ?, ?, 'in_app', ?, 'sent', 'Welcome', 'Hello there', now())
          """, delivery, notification, org, user);
    });
    String action = Audit.action();
    UUID entry = Audit.entry(org, admin, action, "thing", "r-1", Instant.now());
    return new Seeded(workspace, key, HexFormat.of().formatHex(ApiKeyFormat.hash(key.secret())), ticket, publicComment, internalComment,
        internalNote, delivery, token, entry, action);
  }

  static ApiResponse create(String bearer) {
    Api.Request request = Api.post("/api/v1/exports");
    return (bearer == null ? request : request.bearer(bearer)).send();
  }

  static ApiResponse status(String bearer, Object id) {
    Api.Request request = Api.get("/api/v1/exports/" + id);
    return (bearer == null ? request : request.bearer(bearer)).send();
  }

  /** Asks for an export, runs the consumer, and answers the export's status afterwards. */
  static JsonNode produced(String bearer) {
    ApiResponse created = create(bearer);
    assertThat(created.status()).as(created.toString()).isEqualTo(202);
    QueuePump.drain(QUEUE, PRODUCER);
    ApiResponse status = status(bearer, created.json().path("id").asString());
    assertThat(status.status()).as(status.toString()).isEqualTo(200);
    return status.json();
  }

  /** The file's bytes, through the export's presigned link. */
  static byte[] download(JsonNode export) {
    try {
      HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(export.path("download_url").asString())).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).as(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      return file.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The file's text, un-gzipped: one JSON document a line. */
  static List<String> lines(byte[] gzipped) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped)), StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<JsonNode> parsed(List<String> lines) {
    return lines.stream().map(Json::tree).toList();
  }

  static List<JsonNode> ofType(List<JsonNode> lines, String type) {
    return lines.stream().filter(l -> l.path("type").asString().equals(type)).toList();
  }
}

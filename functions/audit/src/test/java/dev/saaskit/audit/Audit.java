package dev.saaskit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Shorthands for the audit tests: entries written as the runtime writes them, exports made and produced through the functions. */
public final class Audit {

  public static final String QUEUE = "audit-exports";
  public static final String PRODUCER = "produce-audit-export";

  private Audit() {}

  /** An organization with one member per role, and the tests' S3 ready for export files. */
  public static Tenant tenant() {
    TestStorage.get();
    return Tenant.create();
  }

  /** A token of a super_admin whose home organization is {@code home}; the account holds the role in the database too. */
  public static String superAdmin(Tenant home) {
    UUID user = home.member(Role.USER);
    TestDatabase.get().jdbi().useHandle(h -> h.execute(
        "update users set platform_roles = '{super_admin}' where id = ?",
        user));
    return TestTokens.get().accessToken(user, home.organizationId(), Role.USER, Role.SUPER_ADMIN);
  }

  /** An audit entry as AuditLog.append writes it, at {@code at}; answers its id. */
  public static UUID entry(UUID organization, UUID actor, String action, String resourceType, String resourceId, Instant at) {
    UUID id = Ids.newId();
    TestDatabase.get().jdbi().useHandle(h -> h.createUpdate(
            """
            insert into audit_logs (id, organization_id, actor_user_id, action, resource_type, resource_id, request_id, ip,
                                    user_agent, details, created_at)
            values (:id, :org, :actor, :action, :type, :resource, 'req-1', '203.0.113.7', '=cmd|agent, "quoted"',
                    cast(:details as jsonb), :at)
            """)
        .bind("id", id).bind("org", organization).bind("actor", actor).bind("action", action).bind("type", resourceType)
        .bind("resource", resourceId).bind("details", "{\"name\": \"n-" + id.toString().substring(30) + "\"}").bind("at", at)
        .execute());
    return id;
  }

  public static UUID entry(UUID organization, String action, Instant at) {
    return entry(organization, null, action, "thing", "r-1", at);
  }

  /** An action name no other test writes. */
  public static String action() {
    return "test." + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Every id the list answers for {@code query}, page by page of {@code limit}. */
  public static List<String> ids(String bearer, String query, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      ApiResponse r = Api.get("/api/v1/audit-logs?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor)).bearer(bearer).send();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      r.json().path("data").forEach(e -> ids.add(e.path("id").asString()));
      cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asString();
    } while (cursor != null);
    return ids;
  }

  public static ApiResponse export(String bearer, Map<String, Object> body) {
    Api.Request request = Api.post("/api/v1/audit-logs/exports").json(body);
    return (bearer == null ? request : request.bearer(bearer)).send();
  }

  /** Asks for an export, runs the consumer, and answers the export's status afterwards. */
  public static JsonNode produced(String bearer, Map<String, Object> body) {
    ApiResponse created = export(bearer, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(202);
    QueuePump.drain(QUEUE, PRODUCER);
    ApiResponse status = Api.get("/api/v1/audit-logs/exports/" + created.json().path("id").asString()).bearer(bearer).send();
    assertThat(status.status()).as(status.toString()).isEqualTo(200);
    return status.json();
  }

  /** Runs the daily retention schedule; answers its result. */
  public static JsonNode applyRetention() {
    return Events.parse(Lambda.invoke("audit-retention",
        Events.scheduled("arn:aws:scheduler:us-east-1:123456789012:schedule/default/audit-retention").toString()));
  }

  public static <T> T one(String sql, Class<T> type, Object... args) {
    return TestDatabase.get().jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(type).one();
    });
  }
}

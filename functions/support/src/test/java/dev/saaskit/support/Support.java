package dev.saaskit.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestQueues;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.TestTokens;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/** Shorthands for the support tests: organizations, agents, tickets made through the API, the notifications queue. */
public final class Support {

  private static final List<JsonNode> RECEIVED = new ArrayList<>();

  static {
    // Before any function builds its S3 client, whichever test comes first.
    TestStorage.get();
  }

  private Support() {}

  /** An organization with one member per role, with the tests' S3 running. */
  public static Tenant tenant() {
    TestStorage.get();
    return Tenant.create();
  }

  /** A support agent: an account with the platform role, a user member of an organization of its own. */
  public record Agent(UUID id, String token, String email) {}

  public static Agent agent() {
    Tenant home = tenant();
    UUID id = home.member(Role.USER);
    sql("update users set platform_roles = '{support_agent}' where id = ?", id);
    return new Agent(id, TestTokens.get().accessToken(id, home.organizationId(), Role.USER, Role.SUPPORT_AGENT), email(id));
  }

  /** A super_admin, whose platform role makes it an agent too. */
  public static Agent superAdmin() {
    Tenant home = tenant();
    UUID id = home.member(Role.USER);
    sql("update users set platform_roles = '{super_admin}' where id = ?", id);
    return new Agent(id, TestTokens.get().accessToken(id, home.organizationId(), Role.USER, Role.SUPER_ADMIN), email(id));
  }

  public static ApiResponse open(String token, Object body) {
    return Api.post("/api/v1/support/tickets").bearer(token).json(body).send();
  }

  /** A ticket opened through the API by {@code tenant}'s member in {@code role}; its id. */
  public static UUID ticket(Tenant tenant, Role role) {
    return ticket(tenant.token(role), Map.of("subject", "Printer on fire", "description", "It started this morning."));
  }

  public static UUID ticket(String token, Object body) {
    ApiResponse r = open(token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return UUID.fromString(r.json().path("id").asString());
  }

  public static ApiResponse get(String token, UUID ticket) {
    return Api.get("/api/v1/support/tickets/" + ticket).bearer(token).send();
  }

  public static ApiResponse update(String token, UUID ticket, Object body) {
    return Api.put("/api/v1/support/tickets/" + ticket).bearer(token).json(body).send();
  }

  public static ApiResponse comment(String token, UUID ticket, Object body) {
    return Api.post("/api/v1/support/tickets/" + ticket + "/comments").bearer(token).json(body).send();
  }

  public static String email(UUID user) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select email from users where id = ?").bind(0, user).mapTo(String.class).one());
  }

  public static void sql(String sql, Object... args) {
    TestDatabase.execute(sql, args);
  }

  /** An organization on a plan of its own, whose limits and SLA targets a test may set. */
  public static String ownPlan(Tenant tenant, Long storageBytes) {
    String plan = "p" + tenant.organizationId().toString().replace("-", "").substring(0, 20);
    sql("insert into plans (code, name, storage_bytes) values (?, ?, ?)", plan, "Test plan", storageBytes);
    sql("update organizations set plan = ? where id = ?", plan, tenant.organizationId());
    return plan;
  }

  /** The notifications of {@code template} about {@code ticket} received so far (the queue drained first), to anyone. */
  public static synchronized List<JsonNode> notices(UUID ticket, String template) {
    while (receive()) {
      // Messages of other tests come too; they are kept for them.
    }
    return matching(ticket, template);
  }

  /** The recipients of those notifications. */
  public static List<String> recipients(UUID ticket, String template) {
    return notices(ticket, template).stream().map(n -> n.path("to").asString()).sorted().toList();
  }

  private static List<JsonNode> matching(UUID ticket, String template) {
    return RECEIVED.stream()
        .filter(n -> n.path("template").asString().equals(template) && n.path("variables").path("ticket_id").asString().equals(ticket.toString()))
        .toList();
  }

  private static boolean receive() {
    List<Message> batch = TestQueues.get().take("notifications", 0);
    batch.forEach(m -> RECEIVED.add(Json.tree(m.body())));
    return !batch.isEmpty();
  }
}

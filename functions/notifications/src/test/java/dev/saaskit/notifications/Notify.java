package dev.saaskit.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Shorthands for the notifications tests: tenants, messages through the API, and what the database holds. */
public final class Notify {

  private Notify() {}

  /** A new organization with one member per role; the SMTP relay is up. */
  public static Tenant tenant() {
    Smtp.server();
    return Tenant.create();
  }

  /** The member's address, as identity stores it. */
  public static String email(Tenant tenant, Role role) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select email from users where id = ?")
        .bind(0, tenant.member(role)).mapTo(String.class).one());
  }

  /** A raw in-app (and optionally other channels') message from the tenant's admin to members. */
  public static ApiResponse send(Tenant tenant, Object body) {
    return Api.post("/api/v1/notifications").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  public static JsonNode sent(Tenant tenant, Object body) {
    ApiResponse r = send(tenant, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  /** A raw in-app message to the members in {@code roles}; its id. */
  public static UUID inApp(Tenant tenant, String body, Role... roles) {
    List<Map<String, Object>> recipients = java.util.Arrays.stream(roles).map(r -> Map.<String, Object>of("user_id", tenant.member(r))).toList();
    return UUID.fromString(sent(tenant, Map.of("content", Map.of("subject", "Hello", "body", body), "recipients", recipients,
        "channels", List.of("in_app"))).path("id").asString());
  }

  /** A message as identity publishes it on the notifications queue. */
  public static Map<String, Object> identityMessage(String template, String to, Map<String, Object> variables, UUID organization) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("template", template);
    m.put("to", to);
    m.put("variables", variables);
    m.put("organization_id", organization);
    return m;
  }

  public static String address() {
    return "person-" + UUID.randomUUID() + "@example.test";
  }

  public static List<Map<String, Object>> rows(String sql, Object... args) {
    return TestDatabase.rows(sql, args);
  }

  public static void sql(String sql, Object... args) {
    TestDatabase.execute(sql, args);
  }

  /** The deliveries to an address. */
  public static List<Map<String, Object>> deliveriesTo(String address) {
    return rows("select * from notification_deliveries where address = ? order by id", address);
  }
}

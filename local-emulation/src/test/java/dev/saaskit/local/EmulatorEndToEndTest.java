package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.json.Json;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * The emulator with the real catalog, over real HTTP: what a new user does in a first session. The
 * cases run in a random order, so none relies on another having run.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class EmulatorEndToEndTest {

  private static final String ADMIN_EMAIL = "owner@example.com";
  private static final String ADMIN_PASSWORD = "correct horse battery";

  private static Path data;
  private static Map<String, String> settings;
  private static LocalEmulator emulator;

  @BeforeAll
  static void start() {
    data = Emulators.temporaryDirectory("e2e");
    settings = Emulators.settings(data);
    settings.put("SEED_ADMIN_EMAIL", ADMIN_EMAIL);
    settings.put("SEED_ADMIN_PASSWORD", ADMIN_PASSWORD);
    emulator = Emulators.start(settings);
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void health_answers_through_the_function() {
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/health").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.tree(response.body()).path("status").asString()).isEqualTo("ok");
    assertThat(Json.tree(response.body()).path("database").asString()).isEqualTo("ok");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    String requestId = response.headers().firstValue("x-request-id").orElseThrow();
    assertThat(response.headers().firstValue("apigw-requestid")).hasValue(requestId);
  }

  @Test
  void an_unknown_route_gets_the_default_functions_problem_json_404() {
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/no/such/route?x=1").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = Json.tree(response.body());
    assertThat(problem.path("type").asString()).isEqualTo("/problems/route_not_found");
    assertThat(problem.path("detail").asString()).isEqualTo("no route matches POST /no/such/route");
    assertThat(problem.path("request_id").asString()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
  }

  @Test
  void a_schedule_fires_on_request_and_returns_its_result() {
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/_local/schedules/housekeeping/fire")
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.tree(response.body());
    assertThat(body.path("function").asString()).isEqualTo("housekeeping");
    assertThat(body.path("result").path("expired_idempotency_keys").asInt(-1)).isEqualTo(0);

    HttpResponse<String> unknown = Emulators.send(Emulators.request(emulator, "/_local/schedules/no-such-schedule/fire")
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("housekeeping", "outbox-relay");
  }

  @Test
  void the_openapi_document_and_reference_page_cover_every_route() {
    JsonNode openApi = Json.tree(Emulators.send(Emulators.request(emulator, "/openapi.json").GET()).body());
    for (FunctionSpec f : Catalog.bundled().functions()) {
      if (f.http() != null && !f.http().isDefault()) {
        assertThat(openApi.path("paths").path(f.http().path()).path(f.http().method().toLowerCase()).path("operationId").asString())
            .as("operation of %s", f.name()).isEqualTo(f.name());
      }
    }
    assertThat(openApi.path("components").path("schemas").path("HealthResponse").path("properties").has("database")).isTrue();

    HttpResponse<String> docs = Emulators.send(Emulators.request(emulator, "/docs").GET());
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(docs.body()).contains("/openapi.json").doesNotContain("https://");
  }

  @Test
  void mail_sent_to_the_smtp_server_is_listed() throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", emulator.functionEnvironment().get("SMTP_HOST"));
    properties.put("mail.smtp.port", emulator.functionEnvironment().get("SMTP_PORT"));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(new InternetAddress("noreply@saaskit.local"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@example.com"));
    String subject = "Verify your email " + System.nanoTime();
    message.setSubject(subject);
    message.setText("Your code is 123456");
    Transport.send(message);

    JsonNode mail = Json.tree(Emulators.send(Emulators.request(emulator, "/_local/mail").GET()).body());
    JsonNode sent = mail.path("messages").valueStream().filter(m -> m.path("subject").asString().equals(subject)).findFirst().orElseThrow();
    assertThat(sent.path("to").get(0).asString()).isEqualTo("someone@example.com");
    assertThat(sent.path("body").asString()).contains("123456");

    assertThat(Emulators.send(Emulators.request(emulator, "/_local/mail").DELETE()).statusCode()).isEqualTo(204);
    assertThat(Json.tree(Emulators.send(Emulators.request(emulator, "/_local/mail").GET()).body()).path("messages")).isEmpty();
  }

  @Test
  void the_status_lists_every_catalog_function_and_the_functions_get_their_settings() {
    JsonNode status = Json.tree(Emulators.send(Emulators.request(emulator, "/_local").GET()).body());
    List<String> names = status.path("functions").valueStream().map(f -> f.path("name").asString()).toList();
    assertThat(names).containsExactlyElementsOf(Catalog.bundled().functions().stream().map(FunctionSpec::name).toList());

    Map<String, String> environment = emulator.functionEnvironment();
    assertThat(environment).containsKeys("DATABASE_URL", "JWT_JWKS", "JWT_SIGNING_KEYS_FILE", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3",
        "STORAGE_BUCKET", "SMTP_HOST", "SMTP_PORT");
    assertThat(environment.get("JWT_JWKS")).contains("\"kid\"").doesNotContain("\"d\"");
    assertThat(data.resolve("jwks.json")).content().contains("\"d\"");
  }

  @Test
  void a_new_user_registers_signs_in_and_calls_a_protected_route() {
    String email = "ada-" + System.nanoTime() + "@example.com";
    HttpResponse<String> registered = Emulators.send(Emulators.request(emulator, "/api/v1/register")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"email": "%s", "password": "a long enough secret", "full_name": "Ada", "organization_name": "Analytical Engines"}
            """.formatted(email))));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    assertThat(Json.tree(registered.body()).path("organization").path("name").asString()).isEqualTo("Analytical Engines");

    String token = signIn(email, "a long enough secret");
    HttpResponse<String> me = Emulators.send(Emulators.request(emulator, "/api/v1/me").header("authorization", "Bearer " + token).GET());
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(Json.tree(me.body()).path("email").asString()).isEqualTo(email);

    HttpResponse<String> anonymous = Emulators.send(Emulators.request(emulator, "/api/v1/me").GET());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("content-type")).hasValue("application/problem+json");

    JsonNode queues = Json.tree(Emulators.send(Emulators.request(emulator, "/_local/queues").GET()).body());
    assertThat(queues.toString()).as("the verification email waits on the notifications queue").contains("notifications");
  }

  @Test
  void the_seeded_super_admin_signs_in_with_the_configured_password() {
    String token = signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    HttpResponse<String> users = Emulators.send(Emulators.request(emulator, "/api/v1/users").header("authorization", "Bearer " + token).GET());
    assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
  }

  private static String signIn(String email, String password) {
    HttpResponse<String> login = Emulators.send(Emulators.request(emulator, "/api/v1/login")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    JsonNode body = Json.tree(login.body());
    assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
    return body.path("access_token").asString();
  }

  @Test
  void a_restart_keeps_the_data_the_signing_keys_and_the_admin() {
    String keys = emulator.functionEnvironment().get("JWT_JWKS");
    emulator.close();

    emulator = Emulators.start(settings);

    assertThat(emulator.functionEnvironment().get("JWT_JWKS")).isEqualTo(keys);
    assertThat(emulator.admin().created()).isFalse();
    assertThat(Emulators.send(Emulators.request(emulator, "/health").GET()).statusCode()).isEqualTo(200);
    signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @Test
  void an_invitee_accepts_signed_in_to_the_organization_and_loses_the_session_when_removed() {
    String admin = signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    String slug = "difference-engines-" + System.nanoTime();
    HttpResponse<String> created = call("POST", "/api/v1/organizations", admin, Map.of("name", "Difference Engines", "slug", slug));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String org = Json.tree(created.body()).path("id").asString();
    String invitee = "babbage-" + System.nanoTime() + "@example.com";
    HttpResponse<String> invited = call("POST", "/api/v1/organizations/" + org + "/invitations", admin, Map.of("email", invitee, "role", "user"));
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);

    HttpResponse<String> accepted = call("POST", "/api/v1/invitations/accept", null,
        Map.of("token", invitationToken(invitee), "password", "a long enough secret", "full_name", "Charles"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    JsonNode pair = Json.tree(accepted.body());
    JsonNode claims = claims(pair.path("access_token").asString());
    assertThat(claims.path("org").asString()).isEqualTo(org);
    assertThat(claims.path("org_role").asString()).isEqualTo("user");
    String user = claims.path("sub").asString();

    // The auth domain takes what tenancy issued: the refresh token rotates, the password signs in.
    HttpResponse<String> refreshed = call("POST", "/api/v1/refresh", null, Map.of("refresh_token", pair.path("refresh_token").asString()));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(claims(Json.tree(refreshed.body()).path("access_token").asString()).path("org").asString()).isEqualTo(org);
    HttpResponse<String> login = call("POST", "/api/v1/login", null, Map.of("email", invitee, "password", "a long enough secret"));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(Json.tree(login.body()).path("organization").path("id").asString()).isEqualTo(org);

    HttpResponse<String> removed = call("DELETE", "/api/v1/organizations/" + org + "/members/" + user, admin, null);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
    HttpResponse<String> afterRemoval = call("POST", "/api/v1/refresh", null,
        Map.of("refresh_token", Json.tree(refreshed.body()).path("refresh_token").asString()));
    assertThat(afterRemoval.statusCode()).as(afterRemoval.body()).isEqualTo(401);
    assertThat(call("POST", "/api/v1/refresh", null, Map.of("refresh_token", Json.tree(login.body()).path("refresh_token").asString()))
        .statusCode()).isEqualTo(401);
  }

  private static HttpResponse<String> call(String method, String path, String bearer, Object body) {
    HttpRequest.Builder request = Emulators.request(emulator, path)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (bearer != null) {
      request.header("authorization", "Bearer " + bearer);
    }
    return Emulators.send(request);
  }

  private static JsonNode claims(String accessToken) {
    return Json.tree(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The token of the invitation email to {@code email}, from the notifications queue (no consumer takes it locally yet). */
  private static String invitationToken(String email) {
    try (SqsClient sqs = Emulators.sqs(emulator)) {
      for (int attempt = 0; attempt < 20; attempt++) {
        for (var m : sqs.receiveMessage(r -> r.queueUrl(emulator.queueUrl("notifications")).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages()) {
          JsonNode message = Json.tree(m.body());
          if (message.path("to").asString().equals(email) && message.path("template").asString().equals("organization_invitation")) {
            return message.path("variables").path("token").asString();
          }
        }
      }
    }
    throw new AssertionError("no invitation email to " + email + " on the notifications queue");
  }
}

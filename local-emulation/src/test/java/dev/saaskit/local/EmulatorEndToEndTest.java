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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
  void invocation_records_reach_request_records_through_the_log_subscription_once_flushed() throws Exception {
    flushLogs();
    int before = healthRecords();
    for (int i = 0; i < 3; i++) {
      assertThat(Emulators.send(Emulators.request(emulator, "/health").GET()).statusCode()).isEqualTo(200);
    }

    JsonNode flushed = flushLogs();

    assertThat(flushed.path("function").asString()).isEqualTo("ingest-usage");
    JsonNode platform = flushed.path("deliveries").valueStream()
        .filter(d -> d.path("log_group").asString().equals("/aws/lambda/local/platform")).findFirst().orElseThrow();
    assertThat(platform.path("result").path("stored").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(healthRecords()).isEqualTo(before + 3);
    try (Connection db = database(); var rows = db.createStatement().executeQuery(
        "select trigger, route, status_class, memory_mb, billed_ms from request_records where function_name = 'health' order by occurred_at desc limit 1")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString("trigger")).isEqualTo("http");
      assertThat(rows.getString("route")).isEqualTo("GET /health");
      assertThat(rows.getInt("status_class")).isEqualTo(2);
      assertThat(rows.getInt("memory_mb")).isEqualTo(Catalog.bundled().named("health").orElseThrow().memoryMb());
      assertThat(rows.getInt("billed_ms")).isPositive();
    }
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

    // The verification email arrives with a link to the application; its token verifies the address.
    HttpResponse<String> verified = call("POST", "/api/v1/verify-email", null, Map.of("token", linkToken(email, "/verify-email")));
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(Json.tree(call("GET", "/api/v1/me", token, null).body()).path("email_verified").asBoolean()).isTrue();
  }

  @Test
  void a_forgotten_password_is_reset_through_the_emailed_link() {
    String email = "grace-" + System.nanoTime() + "@example.com";
    assertThat(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "the first secret!", "full_name", "Grace",
        "organization_name", "Compilers")).statusCode()).isEqualTo(201);

    assertThat(call("POST", "/api/v1/password-reset", null, Map.of("email", email)).statusCode()).isEqualTo(202);
    HttpResponse<String> reset = call("POST", "/api/v1/password-reset/confirm", null,
        Map.of("token", linkToken(email, "/reset-password"), "password", "the second secret!"));

    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
    assertThat(signIn(email, "the second secret!")).isNotBlank();
  }

  @Test
  void a_message_for_later_goes_out_when_the_dispatch_schedule_fires() {
    String email = "hopper-" + System.nanoTime() + "@example.com";
    String admin = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Grace Hopper", "organization_name", "Cobol")).body()).path("access_token").asString();
    String to = "team-" + System.nanoTime() + "@example.com";
    HttpResponse<String> sent = call("POST", "/api/v1/notifications", admin, Map.of(
        "content", Map.of("subject", "Standup moved " + to, "body", "to 10:00"), "recipients", List.of(Map.of("email", to)),
        "channels", List.of("email"), "send_at", java.time.Instant.now().plusSeconds(1).toString()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);

    // Fired until send_at has come: each firing sends what is due then.
    List<String> subjects = eventually(() -> {
      HttpResponse<String> fired = Emulators.send(Emulators.request(emulator, "/_local/schedules/notifications-dispatch/fire")
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(fired.statusCode()).as(fired.body()).isEqualTo(200);
      return mailSubjects();
    }, found -> found.contains("Standup moved " + to), 20);

    assertThat(subjects).contains("Standup moved " + to);
  }

  @Test
  void opening_a_support_ticket_emails_the_requester_a_receipt_from_the_platforms_template() {
    String email = "lamarr-" + System.nanoTime() + "@example.com";
    String token = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Hedy Lamarr", "organization_name", "Frequency Hopping")).body()).path("access_token").asString();
    String subject = "Invoices show the wrong address " + System.nanoTime();

    HttpResponse<String> opened = call("POST", "/api/v1/support/tickets", token,
        Map.of("subject", subject, "description", "Since Monday.", "priority", "high"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);

    // Support queues the receipt; notifications renders it with the platform's ticket_created template.
    List<String> subjects = eventually(EmulatorEndToEndTest::mailSubjects, found -> found.contains("Ticket opened: " + subject), 20);
    assertThat(subjects).contains("Ticket opened: " + subject);
  }

  @Test
  void a_published_page_is_public_in_the_theme_and_changes_when_the_theme_does() {
    String email = "lovelace-" + System.nanoTime() + "@example.com";
    JsonNode registered = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Ada", "organization_name", "Engines " + System.nanoTime())).body());
    String admin = registered.path("access_token").asString();
    String slug = registered.path("organization").path("slug").asString();
    Map<String, Object> colors = Map.of("primary", "#0b5fff", "on_primary", "#ffffff", "background", "#ffffff", "text", "#111111",
        "link", "#0645ad");
    assertThat(call("POST", "/api/v1/themes", admin, Map.of("colors", colors, "fonts", Map.of("heading", "Inter", "body", "Inter")))
        .statusCode()).isEqualTo(201);
    byte[] png = new byte[64];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, 0, png, 0, 8);
    JsonNode upload = Json.tree(call("POST", "/api/v1/themes/uploads", admin,
        Map.of("kind", "logo", "content_type", "image/png", "size_bytes", png.length)).body());
    HttpResponse<String> stored = Emulators.send(HttpRequest.newBuilder(java.net.URI.create(upload.path("upload_url").asString()))
        .header("content-type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/themes/uploads/" + upload.path("id").asString() + "/complete", admin, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/themes/pages", admin, Map.of("slug", "about", "title", "About us", "markdown", "We make **engines**.",
        "status", "published")).statusCode()).isEqualTo(201);

    HttpResponse<String> page = call("GET", "/public/" + slug + "/pages/about", null, null);
    HttpResponse<String> logo = call("GET", "/public/" + slug + "/assets/logo", null, null);
    assertThat(call("PUT", "/api/v1/themes", admin, Map.of("colors", Map.of("primary", "#000000", "on_primary", "#ffffff",
        "background", "#ffffff", "text", "#111111", "link", "#0645ad"), "fonts", Map.of("heading", "Lora", "body", "Lora"))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> changed = call("GET", "/public/" + slug + "/pages/about", null, null);
    HttpResponse<String> css = call("GET", "/public/" + slug + "/theme.css?v=3", null, null);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("We make <strong>engines</strong>.", "/public/" + slug + "/theme.css?v=2",
        "/public/" + slug + "/assets/logo?v=2");
    assertThat(logo.statusCode()).isEqualTo(302);
    HttpResponse<byte[]> file = Emulators.sendForBytes(HttpRequest.newBuilder(java.net.URI.create(logo.headers().firstValue("location").orElseThrow())));
    assertThat(file.body()).isEqualTo(png);
    assertThat(changed.body()).contains("/public/" + slug + "/theme.css?v=3");
    assertThat(changed.headers().firstValue("etag")).isNotEqualTo(page.headers().firstValue("etag"));
    assertThat(css.body()).contains("--color-primary: #000000;", "--font-body: \"Lora\"");
  }

  @Test
  void an_org_admin_reads_the_audit_trail_and_downloads_an_export_of_it() {
    String email = "auditor-" + System.nanoTime() + "@example.com";
    JsonNode registered = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Ada", "organization_name", "Ledgers " + System.nanoTime())).body());
    String admin = registered.path("access_token").asString();
    String organization = registered.path("organization").path("id").asString();
    HttpResponse<String> trail = call("GET", "/api/v1/audit-logs?action=user.registered", admin, null);
    assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
    assertThat(Json.tree(trail.body()).path("data").get(0).path("organization_id").asString()).isEqualTo(organization);

    HttpResponse<String> created = call("POST", "/api/v1/audit-logs/exports", admin, Map.of("format", "csv"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = Json.tree(created.body()).path("id").asString();
    JsonNode export = eventually(() -> Json.tree(call("GET", "/api/v1/audit-logs/exports/" + id, admin, null).body()),
        e -> !e.path("status").asString().equals("queued"), 30);
    assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("succeeded");
    HttpResponse<String> file = Emulators.send(HttpRequest.newBuilder(java.net.URI.create(export.path("download_url").asString())).GET());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).startsWith("id,created_at,organization_id").contains("user.registered");
  }

  @Test
  void an_org_admin_downloads_an_export_of_the_organizations_data() throws java.io.IOException {
    String email = "takeout-" + System.nanoTime() + "@example.com";
    String admin = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Ada", "organization_name", "Takeout " + System.nanoTime())).body()).path("access_token").asString();

    HttpResponse<String> created = call("POST", "/api/v1/exports", admin, null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = Json.tree(created.body()).path("id").asString();
    JsonNode export = eventually(() -> Json.tree(call("GET", "/api/v1/exports/" + id, admin, null).body()),
        e -> !List.of("queued", "running").contains(e.path("status").asString()), 30);
    assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("completed");
    HttpResponse<byte[]> file = Emulators.sendForBytes(HttpRequest.newBuilder(java.net.URI.create(export.path("download_url").asString())));
    assertThat(file.statusCode()).isEqualTo(200);
    String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(file.body())).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text.lines().map(Json::tree).filter(l -> l.path("type").asString().equals("member")))
        .singleElement().satisfies(m -> assertThat(m.path("email").asString()).isEqualTo(email));
  }

  @Test
  void a_workflow_with_two_parallel_http_steps_and_a_notify_step_runs_to_completion() {
    String email = "workflows-" + System.nanoTime() + "@example.com";
    String admin = Json.tree(call("POST", "/api/v1/register", null, Map.of("email", email, "password", "a long enough secret",
        "full_name", "Ada Lovelace", "organization_name", "Engines " + System.nanoTime())).body()).path("access_token").asString();
    // Locally, http steps may call the emulator's own port (and no other loopback one).
    String api = "http://localhost:" + emulator.functionEnvironment().get("WORKERS_LOCAL_LOOPBACK_PORTS");
    assertThat(call("PUT", "/api/v1/workers/allowed-hosts", admin, Map.of("hosts", List.of("localhost"))).statusCode()).isEqualTo(200);
    HttpResponse<String> report = call("POST", "/api/v1/notifications/templates", admin, Map.of("name", "job_report", "channel", "email",
        "subject", "Job {{job}} checked", "body", "health {{health}}, keys {{keys}}", "variables", List.of("job", "health", "keys")));
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
    HttpResponse<String> template = call("POST", "/api/v1/workers/templates", admin, Map.of("name", "check the API", "steps", List.of(
        Map.of("key", "health", "type", "http", "http", Map.of("method", "GET", "url", api + "/health")),
        Map.of("key", "keys", "type", "http", "http", Map.of("method", "GET", "url", api + "/.well-known/jwks.json")),
        Map.of("key", "tell", "type", "notify", "depends_on", List.of("health", "keys"), "notify", Map.of("template", "job_report",
            "to", email, "variables", Map.of("job", "{% job.id %}", "health", "{% steps.health.body.status %}",
                "keys", "{% $string($count(steps.keys.body.keys)) %}"))))));
    assertThat(template.statusCode()).as(template.body()).isEqualTo(201);

    HttpResponse<String> started = call("POST", "/api/v1/workers/jobs", admin, Map.of("template_id", Json.tree(template.body()).path("id").asString()));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String job = Json.tree(started.body()).path("id").asString();

    JsonNode status = eventually(() -> Json.tree(call("GET", "/api/v1/workers/jobs/" + job, admin, null).body()),
        j -> !j.path("status").asString().equals("running"), 60);
    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("succeeded");
    assertThat(status.path("steps").valueStream().map(s -> s.path("key").asString() + "=" + s.path("status").asString()))
        .containsExactly("health=succeeded", "keys=succeeded", "tell=succeeded");
    assertThat(status.path("steps").get(0).path("output").path("status").asInt()).isEqualTo(200);
    assertThat(eventually(EmulatorEndToEndTest::mailSubjects, found -> found.contains("Job " + job + " checked"), 30))
        .as("the notify step's email in /_local/mail").contains("Job " + job + " checked");
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
        Map.of("token", linkToken(invitee, "/accept-invitation"), "password", "a long enough secret", "full_name", "Charles"));
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

  @Test
  void subscribing_to_pro_makes_the_organization_pro_and_cancelling_returns_it_to_free_at_the_period_end() throws Exception {
    HttpResponse<String> registered = call("POST", "/api/v1/register", null, Map.of("email", "billing-" + System.nanoTime() + "@example.com",
        "password", "a long enough secret", "full_name", "Ada", "organization_name", "Paying Customers"));
    String token = Json.tree(registered.body()).path("access_token").asString();
    String limits = "/api/v1/organizations/" + Json.tree(registered.body()).path("organization").path("id").asString() + "/limits";

    HttpResponse<String> subscribed = call("POST", "/api/v1/billing/subscriptions", token, Map.of("plan", "pro", "currency", "usd"));
    assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
    assertThat(eventually(() -> Json.tree(call("GET", limits, token, null).body()).path("plan").asString(), "pro"::equals, 20)).isEqualTo("pro");
    assertThat(eventually(() -> Json.tree(call("GET", "/api/v1/billing/invoices", token, null).body()).path("data").size(), n -> n == 1, 20))
        .as("the invoice, through the webhook").isEqualTo(1);

    String subscription = Json.tree(subscribed.body()).path("subscription").path("id").asString();
    HttpResponse<String> canceled = call("POST", "/api/v1/billing/subscriptions/" + subscription + "/cancel", token, Map.of("reason", "done"));
    assertThat(Json.tree(canceled.body()).path("cancel_at_period_end").asBoolean()).isTrue();
    assertThat(Json.tree(call("GET", limits, token, null).body()).path("plan").asString()).isEqualTo("pro");

    String stripe = emulator.functionEnvironment().get("STRIPE_API_BASE");
    HttpResponse<String> advanced = Emulators.send(HttpRequest.newBuilder(java.net.URI.create(stripe + "/_stand-in/clock"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"advance_days\": 31}")));
    assertThat(advanced.statusCode()).isEqualTo(200);
    assertThat(eventually(() -> Json.tree(call("GET", limits, token, null).body()).path("plan").asString(), "free"::equals, 20)).isEqualTo("free");
  }

  /**
   * What {@code read} answers once {@code done} holds, asked every 250 ms; its last answer when
   * {@code seconds} pass first, for the caller's assertion to report. How a test waits for the
   * emulator's queues and schedules, which answer after the request that started them.
   */
  private static <T> T eventually(Supplier<T> read, Predicate<T> done, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      sleep(250);
      value = read.get();
    }
    return value;
  }

  /** Delivers the invocation records written so far to ingest-usage, as CloudWatch Logs would a few seconds later. */
  private static JsonNode flushLogs() {
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/_local/logs/flush").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.tree(response.body());
  }

  private static Connection database() throws SQLException {
    Map<String, String> env = emulator.functionEnvironment();
    return DriverManager.getConnection(emulator.databaseUrl(), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
  }

  private static int healthRecords() throws SQLException {
    try (Connection db = database(); var rows = db.createStatement().executeQuery("select count(*) from request_records where function_name = 'health'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static List<String> mailSubjects() {
    JsonNode mail = Json.tree(Emulators.send(Emulators.request(emulator, "/_local/mail").GET()).body());
    return mail.path("messages").valueStream().map(m -> m.path("subject").asString()).toList();
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

  /**
   * The token of the link in the latest email to {@code email} that leads to {@code page} of the
   * application: the mail as the notifications domain delivered it to the emulator's SMTP server.
   */
  private static String linkToken(String email, String page) {
    Pattern link = Pattern.compile(Pattern.quote(emulator.functionEnvironment().get("APP_URL") + page + "?token=") + "([A-Za-z0-9_-]+)");
    Optional<String> token = eventually(() -> {
      JsonNode mail = Json.tree(Emulators.send(Emulators.request(emulator, "/_local/mail").GET()).body());
      return mail.path("messages").valueStream().filter(m -> m.path("to").toString().contains(email)).toList().reversed().stream()
          .map(m -> link.matcher(m.path("text").asString()))
          .filter(Matcher::find)
          .map(found -> found.group(1))
          .findFirst();
    }, Optional::isPresent, 15);
    return token.orElseThrow(() -> new AssertionError("no email to " + email + " with a link to " + page + " in /_local/mail"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

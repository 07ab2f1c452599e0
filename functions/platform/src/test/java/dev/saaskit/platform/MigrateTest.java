package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.MotoSecrets;
import dev.saaskit.testkit.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The migrate function, invoked by hand ({@code {}}) and as CloudFormation's custom resource. */
class MigrateTest {

  /** What CloudFormation's response URL received: method, content type, body. */
  record Received(String method, String contentType, JsonNode body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer responseUrl;

  @BeforeEach
  void startResponseUrl() throws IOException {
    responseUrl = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    responseUrl.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("content-type"),
          Json.tree(new String(body, StandardCharsets.UTF_8))));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    responseUrl.start();
  }

  @AfterEach
  void stopResponseUrl() {
    responseUrl.stop(0);
    System.clearProperty("MIGRATION_DATABASE_URL");
  }

  @Test
  void migrates_when_invoked_with_an_empty_input() {
    JsonNode result = Json.tree(Lambda.invoke("migrate", "{}"));

    assertThat(result.path("applied").asInt()).isZero();
    int latest = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
        "select max(cast(version as int)) from flyway_schema_history where success").mapTo(Integer.class).one());
    assertThat(result.path("version").asString()).isEqualTo(String.valueOf(latest));
    assertThat(received).isEmpty();
  }

  @Test
  void creates_the_modules_users_from_their_secrets_and_gives_a_secret_without_a_password_one() {
    try (MotoSecrets moto = MotoSecrets.start()) {
      String keys = moto.create("{\"username\": \"saaskit_keys_login\", \"password\": \"from-the-stack\"}");
      String identity = moto.create("{\"username\": \"saaskit_identity_login\", \"password\": \"\"}");
      System.setProperty("DATABASE_LOGIN_SECRET_ARNS", keys + "," + identity);

      Lambda.invoke("migrate", "{}");

      JsonNode written = Json.tree(moto.client().getSecretValue(r -> r.secretId(identity)).secretString());
      assertThat(written.path("username").asString()).isEqualTo("saaskit_identity_login");
      assertThat(written.path("password").asString()).hasSize(40);
      assertThat(Json.tree(moto.client().getSecretValue(r -> r.secretId(keys)).secretString()).path("password").asString())
          .isEqualTo("from-the-stack");
      List<String> users = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
              "select rolname from pg_roles where rolname in ('saaskit_keys_login', 'saaskit_identity_login')"
                  + " and pg_has_role(rolname, 'saaskit_runtime', 'member') order by rolname")
          .mapTo(String.class).list());
      assertThat(users).containsExactly("saaskit_identity_login", "saaskit_keys_login");
    } finally {
      System.clearProperty("DATABASE_LOGIN_SECRET_ARNS");
    }
  }

  @Test
  void answers_a_create_request_with_success() {
    JsonNode result = Json.tree(Lambda.invoke("migrate", request("Create", null)));

    assertThat(result.path("version").asString()).isNotBlank();
    assertThat(received).hasSize(1);
    Received put = received.get(0);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.contentType()).isNull();
    assertThat(put.body().path("Status").asString()).isEqualTo("SUCCESS");
    assertThat(put.body().path("PhysicalResourceId").asString()).isEqualTo(Migrate.PHYSICAL_RESOURCE_ID);
    assertThat(put.body().path("StackId").asString()).isEqualTo("arn:aws:cloudformation:us-east-1:123456789012:stack/saaskit-dev/guid");
    assertThat(put.body().path("RequestId").asString()).isEqualTo("unique-id-for-this-request");
    assertThat(put.body().path("LogicalResourceId").asString()).isEqualTo("MigrateFunctionOnDeploy");
    assertThat(put.body().path("Reason").asString()).contains("schema version " + result.path("version").asString());
  }

  @Test
  void keeps_the_physical_id_on_update_and_delete() {
    Lambda.invoke("migrate", request("Update", "schema-of-an-older-stack"));
    Lambda.invoke("migrate", request("Delete", "schema-of-an-older-stack"));

    assertThat(received).extracting(r -> r.body().path("Status").asString()).containsExactly("SUCCESS", "SUCCESS");
    assertThat(received).extracting(r -> r.body().path("PhysicalResourceId").asString())
        .containsOnly("schema-of-an-older-stack");
  }

  @Test
  void answers_failed_with_the_reason_when_the_migration_fails() throws IOException {
    System.setProperty("MIGRATION_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/saaskit");

    assertThatThrownBy(() -> Lambda.invoke("migrate", request("Update", Migrate.PHYSICAL_RESOURCE_ID)))
        .as("the invocation fails with the connection the migration could not open")
        .hasRootCauseInstanceOf(java.net.ConnectException.class);

    assertThat(received).hasSize(1);
    assertThat(received.get(0).body().path("Status").asString()).isEqualTo("FAILED");
    assertThat(received.get(0).body().path("Reason").asString()).startsWith("migration failed: ");
    assertThat(received.get(0).body().path("PhysicalResourceId").asString()).isEqualTo(Migrate.PHYSICAL_RESOURCE_ID);
  }

  /** A custom resource request as CloudFormation sends it (the documentation's sample). */
  private String request(String type, String physicalResourceId) {
    var request = Json.object()
        .put("RequestType", type)
        .put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:saaskit-dev-migrate:live")
        .put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/cloudformation-response?X-Amz-Signature=abc")
        .put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/saaskit-dev/guid")
        .put("RequestId", "unique-id-for-this-request")
        .put("ResourceType", "Custom::OnDeploy")
        .put("LogicalResourceId", "MigrateFunctionOnDeploy");
    request.putObject("ResourceProperties")
        .put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:saaskit-dev-migrate:live")
        .put("FunctionVersion", "7");
    if (physicalResourceId != null) {
      request.put("PhysicalResourceId", physicalResourceId);
    }
    return request.toString();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

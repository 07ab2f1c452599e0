package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.hosting.LocalLambdaContext;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.runtime.LambdaHandler;
import dev.saaskit.testkit.fixture.Boom;
import dev.saaskit.testkit.fixture.TestDomain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The entry point every Lambda is deployed with: how it starts, reads its event and answers. */
class LambdaHandlerTest {

  static final String DOMAIN = TestDomain.class.getName();

  @Test
  void a_missing_definition_fails_the_start() {
    Lambda.withSettings(Map.of(LambdaHandler.MAIN_CLASS, DOMAIN, LambdaHandler.DEFINITION, " "), () -> {
      assertThatThrownBy(LambdaHandler::new).hasMessageContaining(LambdaHandler.DEFINITION);
      return null;
    });
  }

  @Test
  void a_missing_main_class_fails_the_start() {
    Lambda.withSettings(Map.of(LambdaHandler.MAIN_CLASS, " ", LambdaHandler.DEFINITION, "echo"), () -> {
      assertThatThrownBy(LambdaHandler::new).hasMessageContaining(LambdaHandler.MAIN_CLASS);
      return null;
    });
  }

  @Test
  void reads_the_module_and_function_from_the_environment() {
    LambdaHandler handler = Lambda.withSettings(Map.of(LambdaHandler.MAIN_CLASS, DOMAIN, LambdaHandler.DEFINITION, "whoAmI"), LambdaHandler::new);

    assertThat(handler.definition()).isEqualTo("whoAmI");
  }

  @Test
  void an_unknown_definition_fails_the_start_and_nothing_routes() {
    for (String definition : new String[] {"nope", "functionRouter", "echo|whoAmI", "echo,whoAmI", ""}) {
      assertThatThrownBy(() -> new LambdaHandler(DOMAIN, definition))
          .as(definition)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is not a function of " + DOMAIN)
          .hasMessageContaining("echo");
    }
  }

  @Test
  void a_class_that_is_not_a_domain_fails_the_start() {
    assertThatThrownBy(() -> new LambdaHandler(String.class.getName(), "echo")).hasMessageContaining("is not a DomainFunctions");
    assertThatThrownBy(() -> new LambdaHandler("dev.saaskit.Missing", "echo")).hasMessageContaining("is not in this artifact");
  }

  @Test
  void reads_the_event_once_and_writes_the_response_once() throws IOException {
    TestEnvironment.ensure();
    LambdaHandler handler = new LambdaHandler(DOMAIN, "whoAmI");
    String token = TestTokens.get().accessToken(UUID.randomUUID(), UUID.randomUUID(), Role.USER);
    CountingInput in = new CountingInput(Events.http("GET", "/whoami", "", "GET /whoami", Map.of(),
        Map.of("authorization", "Bearer " + token), null, false).toString().getBytes(StandardCharsets.UTF_8));
    CountingOutput out = new CountingOutput();

    handler.handleRequest(in, out, context("who-am-i"));

    assertThat(in.endsReached).as("reads until the end of the event, once").isEqualTo(1);
    assertThat(in.readsAfterEnd).isZero();
    assertThat(out.writes).as("one write of the whole response").isEqualTo(1);
    JsonNode response = Json.tree(out.bytes.toString(StandardCharsets.UTF_8));
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.path("headers").path("content-type").asString()).isEqualTo("application/json");
    assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(Json.tree(response.path("body").asString()).isObject()).isTrue();
  }

  @Test
  void a_failing_handler_answers_problem_json_and_the_invocation_succeeds() throws IOException {
    TestEnvironment.ensure();
    LambdaHandler handler = new LambdaHandler(DOMAIN, "boom");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream(event("GET", "/boom", "GET /boom")), out, context("boom"));

    JsonNode response = Json.tree(out.toString(StandardCharsets.UTF_8));
    assertThat(response.path("statusCode").asInt()).isEqualTo(500);
    assertThat(response.path("headers").path("content-type").asString()).isEqualTo("application/problem+json");
    JsonNode problem = Json.tree(response.path("body").asString());
    assertThat(problem.path("type").asString()).isEqualTo("/problems/internal_error");
    assertThat(problem.path("request_id").asString()).isNotBlank();
    assertThat(response.toString()).doesNotContain(Boom.SECRET);
  }

  @Test
  void an_event_that_is_not_json_answers_problem_json() throws IOException {
    LambdaHandler handler = new LambdaHandler(DOMAIN, "echo");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)), out, context("echo"));

    JsonNode response = Json.tree(out.toString(StandardCharsets.UTF_8));
    assertThat(response.path("statusCode").asInt()).isEqualTo(500);
    assertThat(response.path("headers").path("content-type").asString()).isEqualTo("application/problem+json");
  }

  @Test
  void queue_and_schedule_answers_are_written_with_their_aws_names() throws IOException {
    TestEnvironment.ensure();
    LambdaHandler handler = new LambdaHandler(DOMAIN, "doWork");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream(Events.sqs("arn:aws:sqs:us-east-1:000000000000:work", java.util.List.of("{not json"), 1)
        .toString().getBytes(StandardCharsets.UTF_8)), out, context("do-work"));

    JsonNode response = Json.tree(out.toString(StandardCharsets.UTF_8));
    assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asString()).isNotBlank();
  }

  private static byte[] event(String method, String path, String routeKey) {
    return Events.http(method, path, "", routeKey, Map.of(), Map.of("user-agent", "tests"), null, false).toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static LocalLambdaContext context(String function) {
    int memory = Catalog.bundled().named(function).orElseThrow().memoryMb();
    return new LocalLambdaContext(function, memory, System.currentTimeMillis() + 30_000, UUID.randomUUID().toString(), "us-east-1");
  }

  /** Counts how often the end of the event is reached, and reads past it. */
  private static final class CountingInput extends InputStream {
    private final ByteArrayInputStream in;
    int endsReached;
    int readsAfterEnd;

    CountingInput(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return counted(in.read());
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return counted(in.read(b, off, len));
    }

    private int counted(int result) {
      if (result < 0) {
        if (endsReached > 0) {
          readsAfterEnd++;
        }
        endsReached++;
      }
      return result;
    }
  }

  /** Counts the writes reaching the stream. */
  private static final class CountingOutput extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int writes;

    @Override
    public void write(int b) {
      writes++;
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      bytes.write(b, off, len);
    }
  }
}

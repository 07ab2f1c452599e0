package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.local.testdomain.PoisonConsumer;
import dev.saaskit.shared.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator on the test domain's catalog with its embedded SQS, over real HTTP and SQS: requests
 * reach the function as API Gateway would deliver them, and a poison message ends in the DLQ.
 */
class QueuesOnTestDomainTest {

  private static LocalEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = Emulators.start(Emulators.settings(Emulators.temporaryDirectory("queues")));
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void forgetEarlierMessages() {
    PoisonConsumer.PROCESSED.clear();
    PoisonConsumer.POISON_RECEIVES.clear();
  }

  @Test
  void a_poison_message_lands_in_the_dead_letter_queue_after_max_receives() throws InterruptedException {
    QueueScenario.poisonMessageLandsInTheDeadLetterQueue(emulator);
  }

  @Test
  void the_function_sees_the_request_as_api_gateway_delivers_it() {
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/echo/hello%20world?tag=a&tag=b&empty=&q=x%2By")
        .header("X-Multi", "one").header("X-Multi", "two").header("Cookie", "session=abc; theme=dark").header("User-Agent", "e2e-test")
        .method("PUT", HttpRequest.BodyPublishers.ofString("{\"a\":1}")).header("Content-Type", "application/json"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode echo = Json.tree(response.body());
    assertThat(echo.path("method").asString()).isEqualTo("PUT");
    assertThat(echo.path("path").asString()).isEqualTo("/echo/hello%20world");
    assertThat(echo.path("route_key").asString()).isEqualTo("ANY /echo/{word}");
    assertThat(echo.path("path_parameters").path("word").asString()).isEqualTo("hello world");
    assertThat(echo.path("query").path("tag").asString()).isEqualTo("a,b");
    assertThat(echo.path("query").path("empty").asString()).isEqualTo("");
    assertThat(echo.path("query").path("q").asString()).isEqualTo("x+y");
    assertThat(echo.path("headers").path("x-multi").asString()).isEqualTo("one,two");
    assertThat(echo.path("headers").has("cookie")).as("cookies travel in their own array").isFalse();
    assertThat(echo.path("headers").path("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
    assertThat(echo.path("user_agent").asString()).isEqualTo("e2e-test");
    assertThat(echo.path("source_ip").asString()).isEqualTo("127.0.0.1");
    assertThat(new String(Base64.getDecoder().decode(echo.path("body_base64").asString()))).isEqualTo("{\"a\":1}");
    assertThat(response.headers().allValues("set-cookie")).containsExactly("echo=hello world; Path=/");
  }

  @Test
  void a_binary_body_arrives_intact() {
    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13};
    HttpResponse<String> response = Emulators.send(Emulators.request(emulator, "/echo/bin")
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Base64.getDecoder().decode(Json.tree(response.body()).path("body_base64").asString())).isEqualTo(bytes);
  }
}

package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.local.testdomain.PoisonConsumer;
import dev.saaskit.testkit.MotoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The external path: SQS and S3 from moto's server through {@code AWS_ENDPOINT_URL}, PostgreSQL
 * through {@code DATABASE_URL}, after the LocalStack init hook has created the queues. Skipped, saying why,
 * where moto is not installed (a failure under {@code CI=true}).
 */
class MotoOnTestDomainTest {

  private static MotoServer moto;
  private static EmbeddedPostgres postgres;
  private static LocalEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    int port = moto.port();
    runLocalStackInitHook(port);
    postgres = EmbeddedPostgres.builder().start();
    Map<String, String> settings = Emulators.settings(Emulators.temporaryDirectory("moto"));
    settings.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
    settings.put("QUEUE_NAME_PREFIX", "moto-test-");
    settings.putIfAbsent("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
    settings.putIfAbsent("DATABASE_USER", "postgres");
    PoisonConsumer.PROCESSED.clear();
    PoisonConsumer.POISON_RECEIVES.clear();
    emulator = Emulators.start(settings);
  }

  @AfterAll
  static void stop() throws IOException {
    if (emulator != null) {
      emulator.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void queues_on_moto_honour_the_redrive_policy() throws InterruptedException {
    assertThat(emulator.queueUrl("probe")).contains("moto-test-probe");

    QueueScenario.poisonMessageLandsInTheDeadLetterQueue(emulator);
  }

  @Test
  void the_bucket_exists_on_moto() {
    assertThat(Emulators.send(Emulators.request(emulator, "/echo/ok").GET()).statusCode()).isEqualTo(200);
    assertThat(Emulators.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        emulator.functionEnvironment().get("AWS_ENDPOINT_URL_S3") + "/" + EmulatorSettings.DEFAULT_BUCKET))
        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
  }

  /** The LocalStack init hook creates the same queues first; the emulator then finds them and sets their attributes again. */
  private static void runLocalStackInitHook(int port) throws IOException, InterruptedException {
    ProcessBuilder hook = new ProcessBuilder("python3", "localstack/ready.d/create_resources.py", "src/test/resources/testdomain-catalog.yaml")
        .redirectErrorStream(true);
    hook.environment().put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
    hook.environment().put("QUEUE_NAME_PREFIX", "moto-test-");
    Process p = hook.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("queue moto-test-probe (DLQ moto-test-probe-dlq after 2 receives)", "bucket saaskit-local");
  }
}

package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saaskit.local.testdomain.PoisonConsumer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The external path: SQS and S3 from moto's server through {@code AWS_ENDPOINT_URL}, PostgreSQL
 * through {@code DATABASE_URL}, after the LocalStack init hook has created the queues. Skipped, saying why,
 * where moto is not installed.
 */
class MotoOnTestDomainTest {

  private static Process moto;
  private static EmbeddedPostgres postgres;
  private static LocalEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(motoInstalled(), "moto is not installed (pip install 'moto[server]'): the external AWS path is not tested here");
    int port = Emulators.closedPort();
    moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitPort(port);
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
      moto.destroy();
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

  private static boolean motoInstalled() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("moto did not listen on port " + port + " within 30 s");
  }
}

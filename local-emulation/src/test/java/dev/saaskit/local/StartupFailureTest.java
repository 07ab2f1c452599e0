package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad input at start, through the real command line in its own JVM: one line on standard error
 * saying what is wrong and how to fix it, a non-zero exit, and never a hang.
 */
class StartupFailureTest {

  /** Far above what any of these needs; a run that reaches it has hung. */
  private static final long LIMIT_SECONDS = 90;

  private record Outcome(int exitCode, String stderr) {
    List<String> errorLines() {
      return stderr.lines().filter(l -> l.startsWith("local-emulation:")).toList();
    }
  }

  @Test
  void a_port_in_use() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      Outcome outcome = run(Map.of("PORT", String.valueOf(taken.getLocalPort())));

      assertFailedWith(outcome, "port " + taken.getLocalPort() + ", which is in use", "set PORT to another port");
    }
  }

  @Test
  void an_unreachable_database_url() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + Emulators.closedPort() + "/saaskit";

    Outcome outcome = run(Map.of("PORT", "0", "DATABASE_URL", url));

    assertFailedWith(outcome, "cannot connect to DATABASE_URL " + url, "unset DATABASE_URL to use the embedded PostgreSQL");
  }

  @Test
  void a_database_url_that_is_not_jdbc() throws Exception {
    Outcome outcome = run(Map.of("PORT", "0", "DATABASE_URL", "postgres://user:secret@localhost/db"));

    assertFailedWith(outcome, "is not a JDBC URL", "jdbc:postgresql://host:5432/database");
  }

  @Test
  void an_unreachable_aws_endpoint() throws Exception {
    String endpoint = "http://127.0.0.1:" + Emulators.closedPort();

    Outcome outcome = run(Map.of("PORT", "0", "AWS_ENDPOINT_URL", endpoint));

    assertFailedWith(outcome, "SQS at " + endpoint + " does not answer", "unset it to use the embedded SQS and S3");
  }

  @Test
  void a_catalog_entry_whose_bean_is_missing() throws Exception {
    Outcome outcome = run(Map.of("PORT", "0"), "-DCATALOG_RESOURCE=missing-bean-catalog.yaml");

    assertFailedWith(outcome, "catalog entry 'vanished' names bean 'vanished', which module 'testdomain' does not register",
        "fix functions/catalog.yaml or the module's register()");
  }

  @Test
  void a_port_setting_that_is_not_a_number() throws Exception {
    Outcome outcome = run(Map.of("PORT", "three thousand"));

    assertFailedWith(outcome, "PORT is 'three thousand'", "port number");
  }

  private static void assertFailedWith(Outcome outcome, String what, String fix) {
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.errorLines()).as("stderr:%n%s", outcome.stderr()).hasSize(1);
    assertThat(outcome.errorLines().get(0)).contains(what).contains(fix);
    assertThat(outcome.stderr()).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  /** Runs the emulator's command line with only the given settings and this test's class path. */
  private static Outcome run(Map<String, String> environment, String... jvmOptions) throws IOException, InterruptedException {
    Path data = Emulators.temporaryDirectory("startup-failure");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalEmulator.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DATABASE_") || name.startsWith("LOCAL_")
        || name.startsWith("SEED_ADMIN_") || name.equals("PORT") || name.equals("MIGRATION_DATABASE_URL") || name.equals("CATALOG_RESOURCE"));
    builder.environment().put("LOCAL_DATA_DIR", data.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] stderr;
    try (var err = process.getErrorStream()) {
      if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the emulator neither started nor failed within " + LIMIT_SECONDS + " s: it hung");
      }
      stderr = err.readAllBytes();
    }
    return new Outcome(process.exitValue(), new String(stderr, StandardCharsets.UTF_8));
  }
}

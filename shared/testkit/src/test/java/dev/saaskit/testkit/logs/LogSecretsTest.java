package dev.saaskit.testkit.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.shared.log.Log;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The self-test of the suite-wide check for secrets in log lines: a leak planted through each way a
 * line is written (the functions' JSON log, standard output and error, java.util.logging) fails the
 * check, and ordinary lines do not. Each test takes its planted findings back, so the extension that
 * guards every test does not fail this one for them.
 */
class LogSecretsTest {

  private long findingsBefore;

  @org.junit.jupiter.api.BeforeEach
  void countFindings() {
    findingsBefore = LogSecrets.findingsSoFar();
  }

  @AfterEach
  void forgetPlantedLeaks() {
    LogSecrets.countAsPlanted(findingsBefore);
  }

  /** Run only by {@link #a_test_that_logs_a_secret_fails} through a launcher of its own (surefire skips nested classes). */
  static class PlantedLeak {
    @Test
    void logs_an_api_key() {
      Log.info("planted_leak", Map.of("detail", "vk_live_4f9c2a7b1d3e5f60718293a4b5c6d7e8"));
    }
  }

  @Test
  void a_test_that_logs_a_secret_fails() {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClass(PlantedLeak.class))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .configurationParameter("junit.jupiter.extensions.autodetection.include", "dev.saaskit.testkit.logs.*")
        .build(), summary);

    assertThat(summary.getSummary().getTestsFailedCount()).as("the planted leak's test fails").isEqualTo(1);
    assertThat(summary.getSummary().getFailures().get(0).getException())
        .hasMessageContaining("secrets in log lines written during the test")
        .hasMessageContaining("API key (vk_live_/vk_test_)")
        .hasMessageNotContaining("4f9c2a7b1d3e5f60718293a4b5c6d7e8");
  }

  @Test
  void the_check_is_installed_for_every_test() {
    assertThat(LogSecrets.installed()).as("installed by the launcher session listener or the auto-detected extension").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "vk_live_4f9c2a7b1d3e5f60718293a4b5c6d7e8",
      "vk_test_AbCdEfGh12345678",
      "sk_test_51Nabcdefghijklmnop",
      "sk_live_abcdefgh12345678",
      "rk_live_abcdefgh12345678",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl",
      "Authorization: Bearer q3XnB8kq2Lr9Zt0pQwErTy",
      "{\"password\":\"correct horse battery\"}",
      "jdbc:postgresql://db:5432/app?user=app&password=s3cr3t-value",
      "{\"refresh_token\": \"q3XnB8kq2Lr9Zt0pQwErTy\"}",
      "client_secret=abcdef123456",
      "https://app.example/reset?token=q3XnB8kq2Lr9Zt0p",
      "{\"new_password\":\"correct horse battery\"}",
      "{\"kty\":\"RSA\",\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9\"}",
      "-----BEGIN PRIVATE KEY-----"})
  void a_planted_secret_in_a_function_log_line_fails_the_check(String secret) {
    Log.info("planted_leak", Map.of("detail", secret));

    assertThatThrownBy(() -> LogSecretsExtension.check("during the test"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("secrets in log lines")
        .hasMessageContaining("planted_leak");
  }

  @Test
  void a_planted_secret_on_standard_error_fails_the_check() {
    System.err.println("connecting with sk_live_abcdefgh12345678");

    assertThatThrownBy(() -> LogSecretsExtension.check("during the test")).hasMessageContaining("Stripe secret");
  }

  @Test
  void a_planted_secret_in_java_util_logging_fails_the_check() {
    Logger.getLogger("dev.saaskit.planted").severe("retrying with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La");

    assertThatThrownBy(() -> LogSecretsExtension.check("during the test")).hasMessageContaining("whsec_");
  }

  @Test
  void the_finding_masks_the_secret() {
    Log.info("planted_leak", Map.of("key", "vk_live_4f9c2a7b1d3e5f60718293a4b5c6d7e8"));

    assertThatThrownBy(() -> LogSecretsExtension.check("during the test"))
        .hasMessageNotContaining("4f9c2a7b1d3e5f60718293a4b5c6d7e8");
  }

  @Test
  void a_secret_the_tests_received_is_watched_whatever_its_shape() {
    LogSecrets.watchJson("{\"refresh_token\":\"Zm9vYmFyYmF6cXV4cXV1eA\",\"token_type\":\"Bearer\"}");

    System.out.println("{\"event\":\"oops\",\"value\":\"Zm9vYmFyYmF6cXV4cXV1eA\"}");

    assertThatThrownBy(() -> LogSecretsExtension.check("during the test")).hasMessageContaining("a secret the tests sent or received");
  }

  @Test
  void ordinary_lines_pass() {
    Log.info("invocation", Map.of("function", "login", "status", 401, "token_type", "Bearer", "db_statements", 3,
        "error", "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"saaskit\""));
    System.out.println("password reset requested; token sent by email");
    Log.info("invocation", Map.of("error", "dev.saaskit.shared.problem.ApiException: validation_failed: password: must be at least 10 characters"));
    System.out.println("  Stripe        http://127.0.0.1:1   (the stand-in: no Stripe account; webhook secret whsec_WaFyyCabcdefgh12 (generated now))");
    System.out.println("{\"api_key_id\":\"0199a3f2-7c1e-7b44-9a1e-3f0c2d4b5a69\",\"key_prefix\":\"vk_live_\"}");

    assertThat(LogSecrets.takeFindings()).isEmpty();
  }
}

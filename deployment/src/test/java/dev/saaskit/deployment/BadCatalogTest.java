package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog the deployment cannot describe fails the generator with a message naming the entry,
 * and leaves template.yaml alone.
 */
class BadCatalogTest {

  private static final String MODULES_AND_QUEUES = """
      modules: {platform: {initializer: dev.saaskit.platform.PlatformFunctions}}
      queues: {emails: {visibility_timeout: 30}}
      functions:
        - {name: health, module: platform, handler: dev.saaskit.platform.Health,
           http: {method: GET, path: /health}, access: public}
      """;

  @TempDir
  Path root;

  @Test
  void an_invalid_schedule_expression() throws IOException {
    assertThat(generate("""
          - {name: nightly, module: platform, handler: dev.saaskit.platform.Nightly,
             schedule: {expression: "every night"}}
        """)).contains("function 'nightly' schedule: expression 'every night' is neither rate(N unit) nor cron(6 fields)");
  }

  @Test
  void a_queue_that_is_not_defined() throws IOException {
    assertThat(generate("""
          - {name: send-sms, module: platform, handler: dev.saaskit.platform.SendSms,
             sqs: {queue: sms}}
        """)).contains("function 'send-sms' sqs: queue 'sms' is not defined under 'queues'");
  }

  @Test
  void memory_outside_lambdas_range() throws IOException {
    assertThat(generate("""
          - {name: tiny, module: platform, handler: dev.saaskit.platform.Tiny,
             direct: {on_deploy: false}, memory: 64}
          - {name: huge, module: platform, handler: dev.saaskit.platform.Huge,
             direct: {on_deploy: false}, memory: 20480}
        """)).contains("function 'tiny': 'memory' is 64, must be between 128 and 10240")
        .contains("function 'huge': 'memory' is 20480, must be between 128 and 10240");
  }

  @Test
  void two_functions_with_the_same_route() throws IOException {
    assertThat(generate("""
          - {name: health-again, module: platform, handler: dev.saaskit.platform.HealthAgain,
             http: {method: GET, path: /health}, access: public}
        """)).contains("function 'health-again' http: route GET /health is already served by 'health'");
  }

  @Test
  void a_queue_whose_visibility_timeout_is_shorter_than_six_times_its_consumers_timeout_and_window() throws IOException {
    assertThat(generate("""
          - {name: send-email, module: platform, handler: dev.saaskit.platform.SendEmail,
             sqs: {queue: emails, batching_window: 2}, timeout: 5}
        """)).contains("function 'send-email': queue 'emails' has a visibility_timeout of 30 s, less than 6 times the function's"
        + " timeout plus its batching window (32 s)");
  }

  @Test
  void a_name_past_an_aws_limit() throws IOException {
    assertThat(generate("""
          - {name: migrate-the-schema-of-every-tenant-database-now, module: platform, handler: dev.saaskit.platform.Migrate,
             direct: {on_deploy: true}}
        """)).contains("function 'migrate-the-schema-of-every-tenant-database-now': its IAM role name would be 68 characters"
        + " with a stack name of 15; AWS allows 64");
  }

  @Test
  void two_names_that_make_the_same_resource_name() throws IOException {
    assertThat(generate("""
          - {name: re-index, module: platform, handler: dev.saaskit.platform.ReIndex,
             direct: {on_deploy: false}}
          - {name: re--index, module: platform, handler: dev.saaskit.platform.ReIndex2,
             direct: {on_deploy: false}}
        """)).contains("function 're--index': its resource ReIndexFunction has the same name as one made for function 're-index'");
  }

  /** Runs the generator on the base catalog plus {@code functions}; returns what it printed. */
  private String generate(String functions) throws IOException {
    Files.createDirectories(root.resolve("functions"));
    Files.writeString(root.resolve(SamTemplate.CATALOG), MODULES_AND_QUEUES + functions);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = SamTemplate.write(root, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(root.resolve(SamTemplate.TEMPLATE)).doesNotExist();
    return err.toString(StandardCharsets.UTF_8);
  }
}

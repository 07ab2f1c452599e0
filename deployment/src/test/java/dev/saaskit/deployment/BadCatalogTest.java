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

  @Test
  void module_settings_the_deployment_cannot_give() throws IOException {
    assertThat(generateCatalog("""
        modules:
          platform:
            initializer: dev.saaskit.platform.PlatformFunctions
            settings:
              DATABASE_URL: jdbc:postgresql://elsewhere/db
              JWKS: {parameter: jwt_jwks, description: the keys}
              STRIPE_KEY_SECRET_ARN: {parameter: stripe_key_secret_arn, description: the key, secret: true, default: "arn:aws:x"}
          billing:
            initializer: dev.saaskit.billing.BillingFunctions
            settings:
              FRONT_END: {parameter: app_url, description: the front end}
            sends_email: {feedback_queue: bounces}
          support:
            initializer: dev.saaskit.support.SupportFunctions
            settings:
              FRONT_END: {parameter: app_url, description: the front end, default: "https://app.example.com"}
        functions: []
        """))
        .contains("module 'platform' setting STRIPE_KEY_SECRET_ARN: a secret's parameter is a secret's ARN: it takes no default or pattern")
        .contains("module 'billing' sends_email: feedback_queue 'bounces' is not defined under 'queues'")
        .contains("module 'support' setting FRONT_END: parameter 'app_url' is declared elsewhere with another default, pattern or secret flag");
    assertThat(generateCatalog("""
        modules:
          platform:
            initializer: dev.saaskit.platform.PlatformFunctions
            settings:
              DATABASE_URL: jdbc:postgresql://elsewhere/db
              JWKS: {parameter: jwt_jwks, description: the keys}
        functions: []
        """))
        .contains("module 'platform' setting DATABASE_URL: the deployment sets DATABASE_URL itself")
        .contains("module 'platform' setting JWKS: parameter 'jwt_jwks' would be the stacks' own parameter JwtJwks");
  }

  /** Runs the generator on the base catalog plus {@code functions}; returns what it printed. */
  private String generate(String functions) throws IOException {
    return generateCatalog(MODULES_AND_QUEUES + functions);
  }

  /** Runs the generator on this catalog; returns what it printed. */
  private String generateCatalog(String catalog) throws IOException {
    Files.createDirectories(root.resolve("functions"));
    Files.writeString(root.resolve(SamTemplate.CATALOG), catalog);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = SamTemplate.write(root, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(root.resolve(SamTemplate.TEMPLATE)).doesNotExist();
    return err.toString(StandardCharsets.UTF_8);
  }
}

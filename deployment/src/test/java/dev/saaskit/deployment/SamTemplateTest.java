package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** template.yaml against the catalog; the generator against a catalog with every kind of entry. */
class SamTemplateTest {

  private final JsonNode sample = Repository.yaml(SamTemplate.render(Repository.sampleCatalog()));

  @Test
  void the_checked_in_template_is_what_the_catalog_generates() {
    String checkedIn = new String(Repository.read(Repository.checkedInTemplate()), StandardCharsets.UTF_8);

    assertThat(checkedIn)
        .as("template.yaml is out of date with functions/catalog.yaml; regenerate it with  " + SamTemplate.REGENERATE)
        .isEqualTo(SamTemplate.render(Repository.catalog()));
  }

  @Test
  void the_checked_in_template_deploys_every_catalog_function_and_nothing_else() {
    assertThat(SamFunctions.of(Repository.yaml(Repository.checkedInTemplate())))
        .containsExactlyInAnyOrderElementsOf(Deployed.of(Repository.catalog()));
  }

  @Test
  void every_kind_of_catalog_entry_is_deployed_with_its_trigger_memory_timeout_and_bean() {
    assertThat(SamFunctions.of(sample)).containsExactlyInAnyOrderElementsOf(Deployed.of(Repository.sampleCatalog()));
  }

  @Test
  void every_trigger_targets_the_snapstart_alias() {
    JsonNode resources = sample.path("Resources");
    JsonNode globals = sample.path("Globals").path("Function");
    assertThat(globals.path("AutoPublishAlias").asString()).isEqualTo("live");
    assertThat(globals.path("SnapStart").path("ApplyOn").asString()).isEqualTo("PublishedVersions");
    assertThat(SamFunctions.routes(resources)).hasSize(6);
    JsonNode paths = resources.path("Api").path("Properties").path("DefinitionBody").path("paths");
    paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
        assertThat(operation.getValue().path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asString())
            .contains(".Alias}/invocations")));
    // SAM points Events (queue mappings, schedules) at the alias itself when AutoPublishAlias is set.
    assertThat(resources.path("MigrateFunctionOnDeploy").path("Properties").path("ServiceToken").path("Ref").asString())
        .isEqualTo("MigrateFunction.Alias");
  }

  @Test
  void a_queue_has_a_dead_letter_queue_and_consumers_report_failed_items() {
    JsonNode resources = sample.path("Resources");
    JsonNode queue = resources.path("EmailDeliveryQueue").path("Properties");
    assertThat(queue.path("VisibilityTimeout").asInt()).isEqualTo(120);
    assertThat(queue.path("MessageRetentionPeriod").asInt()).isEqualTo(7 * 24 * 3600);
    assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").get(0).asString())
        .isEqualTo("EmailDeliveryDeadLetterQueue");
    assertThat(SamFunctions.stackName(resources.path("EmailDeliveryDeadLetterQueue").path("Properties").path("QueueName")))
        .isEqualTo("email-delivery-dlq");
    assertThat(resources.path("AuditEventsQueue").path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt())
        .as("a queue nobody consumes keeps the runtime's default").isEqualTo(5);
    JsonNode mapping = resources.path("DeliverEmailFunction").path("Properties").path("Events").path("Queue").path("Properties");
    assertThat(mapping.path("FunctionResponseTypes").get(0).asString()).isEqualTo("ReportBatchItemFailures");
    assertThat(resources.has("EmailDeliveryDeadLetterAlarm")).isTrue();
    assertThat(resources.has("AuditEventsDeadLetterAlarm")).isTrue();
  }

  @Test
  void every_function_knows_every_queue_url_and_the_shared_settings() {
    JsonNode env = sample.path("Globals").path("Function").path("Environment").path("Variables");

    assertThat(env.path("QUEUE_URL_EMAIL_DELIVERY").path("Ref").asString()).isEqualTo("EmailDeliveryQueue");
    assertThat(env.path("QUEUE_URL_AUDIT_EVENTS").path("Ref").asString()).isEqualTo("AuditEventsQueue");
    assertThat(env.path("DATABASE_SECRET_ARN").path("Ref").asString()).isEqualTo("DatabaseSecretArn");
    assertThat(env.path("DATABASE_USER").path("Ref").asString()).isEqualTo("DatabaseUser");
    assertThat(env.path("DATABASE_URL").path("Fn::Sub").asString()).contains("${DatabaseProxy.Endpoint}");
    assertThat(env.path("JWT_JWKS").path("Ref").asString()).isEqualTo("JwtJwks");
    assertThat(env.path("JAVA_TOOL_OPTIONS").asString()).isEqualTo(SamTemplate.JAVA_TOOL_OPTIONS);
    assertThat(sample.path("Resources").path("GetTemplateFunction").path("Properties").path("Environment").path("Variables")
        .path("MAIN_CLASS").asString()).isEqualTo("dev.saaskit.notifications.NotificationFunctions");
  }

  @Test
  void a_domain_role_reaches_only_its_own_queues_files_and_the_database_secret() {
    Map<String, List<String>> notifications = statements("NotificationsRole");
    Map<String, List<String>> platform = statements("PlatformRole");

    assertThat(notifications.get("ConsumeOwnQueues")).containsExactly("EmailDeliveryQueue.Arn");
    assertThat(platform).doesNotContainKey("ConsumeOwnQueues");
    assertThat(platform.get("SendToQueues")).containsExactly("EmailDeliveryQueue.Arn", "AuditEventsQueue.Arn");
    assertThat(notifications.get("UseOwnFiles")).containsExactly("${Bucket.Arn}/notifications/*");
    assertThat(platform.get("UseOwnFiles")).containsExactly("${Bucket.Arn}/platform/*");
    assertThat(platform.get("ReadDatabaseSecret")).containsExactly("DatabaseSecretArn");
    assertThat(platform.get("WriteLogs")).containsExactly("PlatformLogGroup.Arn");
    assertThat(sample.path("Resources").path("DeliverEmailFunction").path("Properties").path("Role").path("Fn::GetAtt").get(0).asString())
        .isEqualTo("NotificationsRole");
  }

  @Test
  void only_the_functions_of_modules_that_sign_tokens_read_the_signing_keys() {
    JsonNode parameter = sample.path("Parameters").path("JwtSigningKeysSecretArn");
    assertThat(parameter.has("Default")).as("required").isFalse();
    assertThat(parameter.path("AllowedPattern").asString()).startsWith("arn:aws");
    assertThat(statements("IdentityRole").get("ReadSigningKeys")).containsExactly("JwtSigningKeysSecretArn");
    assertThat(statements("NotificationsRole")).doesNotContainKey("ReadSigningKeys");
    assertThat(statements("PlatformRole")).doesNotContainKey("ReadSigningKeys");
    assertThat(sample.path("Globals").path("Function").path("Environment").path("Variables").has("JWT_SIGNING_KEYS_SECRET_ARN")).isFalse();
    assertThat(signingKeysOf(sample, "LoginFunction")).isEqualTo("JwtSigningKeysSecretArn");
    assertThat(signingKeysOf(sample, "HealthFunction")).isNull();
    assertThat(signingKeysOf(sample, "DeliverEmailFunction")).isNull();
  }

  @Test
  void the_checked_in_template_gives_the_signing_keys_to_the_modules_the_catalog_says() {
    JsonNode template = Repository.yaml(Repository.checkedInTemplate());
    Catalog catalog = Repository.catalog();
    assertThat(catalog.modules().values().stream().filter(ModuleSpec::signsTokens).map(ModuleSpec::name)).containsExactly("identity");

    for (var f : catalog.functions()) {
      String expected = catalog.modules().get(f.module()).signsTokens() ? "JwtSigningKeysSecretArn" : null;
      assertThat(signingKeysOf(template, Resources.functionId(f.name()))).as(f.name()).isEqualTo(expected);
    }
  }

  /** What the function's JWT_SIGNING_KEYS_SECRET_ARN refers to, or null without one. */
  private static String signingKeysOf(JsonNode template, String functionId) {
    JsonNode value = template.path("Resources").path(functionId).path("Properties").path("Environment").path("Variables")
        .path("JWT_SIGNING_KEYS_SECRET_ARN");
    return value.isMissingNode() ? null : value.path("Ref").asString();
  }

  @Test
  void api_gateway_and_the_scheduler_may_invoke_exactly_their_functions() {
    assertThat(invokable("ApiRole")).containsExactlyInAnyOrder(
        "HealthFunction.Alias", "RouteNotFoundFunction.Alias", "CreateTemplateFunction.Alias",
        "GetTemplateFunction.Alias", "ProviderWebhookFunction.Alias", "LoginFunction.Alias");
    assertThat(invokable("SchedulerRole")).containsExactlyInAnyOrder("DispatchScheduledFunction.Alias", "PurgeSentFunction.Alias");
  }

  @Test
  void a_schedule_sends_eventbridges_scheduled_event_shape() {
    JsonNode schedule = sample.path("Resources").path("PurgeSentFunction").path("Properties").path("Events").path("Schedule");
    JsonNode input = Json.tree(schedule.path("Properties").path("Input").asString());

    assertThat(schedule.path("Type").asString()).isEqualTo("ScheduleV2");
    assertThat(input.path("detail-type").asString()).isEqualTo("Scheduled Event");
    assertThat(input.path("source").asString()).isEqualTo("aws.scheduler");
    assertThat(input.path("id").asString()).isEqualTo("<aws.scheduler.execution-id>");
    assertThat(input.path("time").asString()).isEqualTo("<aws.scheduler.scheduled-time>");
    assertThat(input.path("resources").get(0).asString()).isEqualTo("<aws.scheduler.schedule-arn>");
    assertThat(input.path("detail").isObject()).isTrue();
  }

  @Test
  void the_on_deploy_function_runs_once_per_new_version_before_the_others_go_live() {
    JsonNode resources = sample.path("Resources");
    JsonNode hook = resources.path("MigrateFunctionOnDeploy");

    assertThat(hook.path("Properties").path("FunctionVersion").path("Ref").asString()).isEqualTo("MigrateFunction.Version");
    assertThat(hook.path("DependsOn").get(0).asString()).isEqualTo("DatabaseProxyTargetGroup");
    assertThat(resources.path("MigrateFunction").path("Properties").path("EventInvokeConfig").path("MaximumRetryAttempts").asInt()).isZero();
    assertThat(resources.path("MigrateFunction").has("DependsOn")).isFalse();
    assertThat(resources.path("HealthFunction").path("DependsOn").get(0).asString()).isEqualTo("MigrateFunctionOnDeploy");
  }

  @Test
  void each_module_has_a_log_group_and_an_exports_lifecycle_rule() {
    JsonNode resources = sample.path("Resources");
    List<String> rules = new ArrayList<>();
    resources.path("Bucket").path("Properties").path("LifecycleConfiguration").path("Rules")
        .forEach(rule -> rules.add(rule.path("Id").asString() + " " + rule.path("Prefix").asString("")));

    assertThat(rules).contains("platform-exports platform/exports/", "notifications-exports notifications/exports/");
    assertThat(resources.path("NotificationsLogGroup").path("Properties").path("LogGroupName").path("Fn::Sub").asString())
        .isEqualTo("/aws/lambda/${AWS::StackName}/notifications");
    assertThat(resources.path("PurgeSentFunction").path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asString())
        .isEqualTo("NotificationsLogGroup");
  }

  @Test
  void a_catalog_without_queues_or_schedules_needs_no_queue_or_scheduler_resources() {
    Catalog catalog = CatalogLoader.parse("""
        modules: {platform: {initializer: dev.saaskit.platform.PlatformFunctions}}
        functions:
          - {name: health, module: platform, handler: dev.saaskit.platform.Health,
             http: {method: GET, path: /health}, access: public}
        """.getBytes(StandardCharsets.UTF_8), "small.yaml");
    JsonNode resources = Repository.yaml(SamTemplate.render(catalog)).path("Resources");

    assertThat(resources.has("SchedulerRole")).isFalse();
    assertThat(Repository.yaml(SamTemplate.render(catalog)).path("Parameters").has("JwtSigningKeysSecretArn"))
        .as("no module signs tokens").isFalse();
    assertThat(resources.path("HealthFunction").has("DependsOn")).isFalse();
    assertThat(sids(resources, "PlatformRole")).doesNotContain("SendToQueues", "ConsumeOwnQueues");
  }

  /** Sid to resources, each written {@code Ref} or {@code Resource.Attribute} or the Sub text. */
  private Map<String, List<String>> statements(String role) {
    Map<String, List<String>> bySid = new HashMap<>();
    JsonNode statements = sample.path("Resources").path(role).path("Properties").path("Policies").get(0)
        .path("PolicyDocument").path("Statement");
    statements.forEach(s -> {
      List<String> targets = new ArrayList<>();
      s.path("Resource").forEach(r -> targets.add(describe(r)));
      bySid.put(s.path("Sid").asString(), targets);
    });
    return bySid;
  }

  private List<String> invokable(String role) {
    return statements(role).get("InvokeFunctions");
  }

  private static String describe(JsonNode value) {
    if (value.has("Ref")) {
      return value.path("Ref").asString();
    }
    if (value.has("Fn::GetAtt")) {
      return value.path("Fn::GetAtt").get(0).asString() + "." + value.path("Fn::GetAtt").get(1).asString();
    }
    if (value.has("Fn::Sub")) {
      return value.path("Fn::Sub").asString();
    }
    return value.asString();
  }

  private static List<String> sids(JsonNode resources, String role) {
    List<String> sids = new ArrayList<>();
    resources.path(role).path("Properties").path("Policies").get(0).path("PolicyDocument").path("Statement")
        .forEach(s -> sids.add(s.path("Sid").asString()));
    return sids;
  }
}

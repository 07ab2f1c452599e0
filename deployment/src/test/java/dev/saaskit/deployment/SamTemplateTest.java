package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The checked-in deployment against the catalog; the generator against a catalog with every kind of entry. */
class SamTemplateTest {

  private final Catalog sampleCatalog = Repository.sampleCatalog();
  private final Map<String, JsonNode> sample = Repository.deployment(sampleCatalog);
  private final JsonNode shared = sample.get(SamTemplate.TEMPLATE);

  private JsonNode stack(String module) {
    return sample.get(Stacks.stackFile(module));
  }

  @Test
  void the_checked_in_deployment_is_what_the_catalog_generates() {
    Map<String, String> generated = SamTemplate.render(Repository.catalog());

    assertThat(Repository.checkedInFiles().keySet())
        .as("the deployment's files; regenerate them with  " + SamTemplate.REGENERATE).isEqualTo(generated.keySet());
    generated.forEach((file, text) -> assertThat(new String(Repository.read(Repository.ROOT.resolve(file)), StandardCharsets.UTF_8))
        .as(file + " is out of date with functions/catalog.yaml; regenerate it with  " + SamTemplate.REGENERATE)
        .isEqualTo(text));
  }

  @Test
  void the_checked_in_deployment_deploys_every_catalog_function_and_nothing_else() {
    assertThat(SamFunctions.of(Repository.checkedInDeployment())).containsExactlyInAnyOrderElementsOf(Deployed.of(Repository.catalog()));
  }

  @Test
  void every_kind_of_catalog_entry_is_deployed_with_its_trigger_memory_timeout_and_bean() {
    assertThat(SamFunctions.of(sample)).containsExactlyInAnyOrderElementsOf(Deployed.of(sampleCatalog));
  }

  @Test
  void one_nested_stack_per_module_and_every_trigger_calls_the_snapstart_alias() {
    JsonNode resources = shared.path("Resources");
    for (String module : sampleCatalog.modules().keySet()) {
      JsonNode nested = resources.path(Stacks.stackId(module));
      assertThat(nested.path("Type").asString()).isEqualTo("AWS::CloudFormation::Stack");
      assertThat(nested.path("Properties").path("TemplateURL").asString()).isEqualTo("stacks/" + module + ".yaml");
      JsonNode globals = stack(module).path("Globals").path("Function");
      assertThat(globals.path("AutoPublishAlias").asString()).isEqualTo("live");
      assertThat(globals.path("SnapStart").path("ApplyOn").asString()).isEqualTo("PublishedVersions");
      assertThat(globals.path("VersionDeletionPolicy").asString()).as("old versions are deleted").isEqualTo("Delete");
    }
    assertThat(SamFunctions.routes(resources)).hasSize(6);
    resources.path("Api").path("Properties").path("DefinitionBody").path("paths").forEach(path -> path.forEach(operation ->
        assertThat(operation.path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asString()).endsWith(":live/invocations")));
    assertThat(stack("platform").path("Resources").path("MigrateFunctionOnDeploy").path("Properties").path("ServiceToken").path("Ref").asString())
        .isEqualTo("MigrateFunction.Alias");
  }

  @Test
  void every_route_is_throttled_as_the_catalog_says_and_logged() {
    JsonNode api = shared.path("Resources").path("Api").path("Properties");
    Map<String, String> throttles = new HashMap<>();
    api.path("RouteSettings").properties().forEach(r -> throttles.put(r.getKey(),
        r.getValue().path("ThrottlingRateLimit").asInt() + "/" + r.getValue().path("ThrottlingBurstLimit").asInt()));

    assertThat(throttles).isEqualTo(sampleCatalog.functions().stream().filter(f -> f.http() != null)
        .collect(Collectors.toMap(f -> f.http().routeKey(), f -> f.throttle().rate() + "/" + f.throttle().burst())));
    assertThat(throttles).containsEntry("POST /login", "20/40").containsEntry("GET /templates/{template_id}", "150/300")
        .containsEntry("$default", "50/100");
    assertThat(api.path("AccessLogSettings").path("DestinationArn").path("Fn::GetAtt").get(0).asString()).isEqualTo("ApiAccessLogs");
    assertThat(Json.tree(api.path("AccessLogSettings").path("Format").asString()).has("status")).isTrue();
    assertThat(shared.path("Resources").path("ApiErrorsAlarm").path("Properties").path("Metrics").get(0).path("MetricStat")
        .path("Metric").path("MetricName").asString()).isEqualTo("5xx");
  }

  @Test
  void cors_has_no_default_and_each_stack_has_its_own_issuer_and_audience() {
    JsonNode parameters = shared.path("Parameters");
    assertThat(parameters.path("AllowedOrigins").has("Default")).isFalse();
    JsonNode passed = shared.path("Resources").path(Stacks.stackId("identity")).path("Properties").path("Parameters");
    assertThat(passed.path("JwtIssuer").path("Fn::If").get(2).path("Ref").asString()).isEqualTo("AWS::StackName");
    assertThat(passed.path("JwtAudience").path("Fn::If").get(2).path("Fn::Sub").asString()).isEqualTo("${AWS::StackName}-api");
  }

  @Test
  void queues_keep_dead_letters_longer_give_consumers_time_and_alarm_on_age_and_dead_letters() {
    JsonNode resources = shared.path("Resources");
    JsonNode queue = resources.path("EmailDeliveryQueue").path("Properties");
    JsonNode deadLetters = resources.path("EmailDeliveryDeadLetterQueue").path("Properties");
    assertThat(deadLetters.path("MessageRetentionPeriod").asInt()).isGreaterThan(queue.path("MessageRetentionPeriod").asInt());
    FunctionSpec consumer = sampleCatalog.named("deliver-email").orElseThrow();
    assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * consumer.timeoutSeconds() + 5);
    assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(3);
    assertThat(resources.path("AuditEventsQueue").path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt())
        .as("a queue nobody consumes keeps the runtime's default").isEqualTo(5);
    assertThat(resources.has("EmailDeliveryDeadLetterAlarm")).isTrue();
    assertThat(resources.path("EmailDeliveryAgeAlarm").path("Properties").path("Metrics").get(0).path("MetricStat").path("Metric")
        .path("MetricName").asString()).isEqualTo("ApproximateAgeOfOldestMessage");
    JsonNode mapping = stack("notifications").path("Resources").path("DeliverEmailFunction").path("Properties").path("Events")
        .path("Queue").path("Properties");
    assertThat(mapping.path("FunctionResponseTypes").get(0).asString()).isEqualTo("ReportBatchItemFailures");
    assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(10);
  }

  @Test
  void schedules_retry_then_go_to_a_dead_letter_queue_and_their_failures_raise_an_alarm() {
    JsonNode resources = stack("notifications").path("Resources");
    JsonNode schedule = resources.path("PurgeSentFunction").path("Properties").path("Events").path("Schedule");
    JsonNode input = Json.tree(schedule.path("Properties").path("Input").asString());

    assertThat(schedule.path("Type").asString()).isEqualTo("ScheduleV2");
    assertThat(schedule.path("Properties").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(Stacks.SCHEDULE_RETRIES);
    assertThat(schedule.path("Properties").path("DeadLetterConfig").path("Arn").path("Ref").asString()).isEqualTo("ScheduleDeadLetterQueueArn");
    assertThat(schedule.path("Properties").path("GroupName").path("Ref").asString()).isEqualTo("ScheduleGroup");
    assertThat(input.path("detail-type").asString()).isEqualTo("Scheduled Event");
    assertThat(input.path("source").asString()).isEqualTo("aws.scheduler");
    assertThat(resources.has("SchedulesFailedAlarm")).isTrue();
    assertThat(shared.path("Resources").has("ScheduleDeadLetterAlarm")).isTrue();
    assertThat(statements(stack("notifications"), "SchedulerRole").get("InvokeFunctions")).containsExactlyInAnyOrder(
        "${StackName}-dispatch-scheduled:live", "${StackName}-purge-sent:live");
  }

  @Test
  void every_function_has_an_alarm_on_failures_throttles_and_its_timeout() {
    for (FunctionSpec f : sampleCatalog.functions()) {
      JsonNode metrics = stack(f.module()).path("Resources").path(Resources.functionId(f.name()) + "Alarm").path("Properties").path("Metrics");
      assertThat(metrics.get(0).path("Expression").asString()).as(f.name())
          .contains("failed", "internal_errors", "throttles", "longest, 0) > " + Math.round(f.timeoutSeconds() * 900.0));
    }
  }

  @Test
  void functions_log_in_to_the_proxy_as_their_modules_user_with_iam_over_verified_tls() {
    JsonNode env = stack("notifications").path("Globals").path("Function").path("Environment").path("Variables");
    assertThat(env.path("DATABASE_URL").path("Fn::Sub").asString()).contains("${DatabaseProxyEndpoint}", "sslmode=verify-full");
    assertThat(env.path("DATABASE_USER").asString()).isEqualTo("saaskit_notifications_login");
    assertThat(env.path("DATABASE_IAM_AUTH").asString()).isEqualTo("true");
    assertThat(env.has("DATABASE_SECRET_ARN")).as("no function reads a database password").isFalse();
    assertThat(statements(stack("notifications"), "FunctionsRole").get("ConnectToDatabase")).containsExactly(
        "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${DatabaseProxyResourceId}/saaskit_notifications_login");

    JsonNode migrate = stack("platform").path("Resources").path("MigrateFunction").path("Properties");
    JsonNode migrateEnv = migrate.path("Environment").path("Variables");
    assertThat(migrateEnv.path("DATABASE_IAM_AUTH").asString()).isEqualTo("false");
    assertThat(migrateEnv.path("DATABASE_SECRET_ARN").path("Ref").asString()).isEqualTo("DatabaseSecretArn");
    assertThat(migrate.path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);

    JsonNode auth = shared.path("Resources").path("DatabaseProxy").path("Properties").path("Auth");
    List<String> schemes = new ArrayList<>();
    auth.forEach(a -> schemes.add(a.path("SecretArn").path("Ref").asString() + " " + a.path("IAMAuth").asString()));
    assertThat(schemes).containsExactly("DatabaseSecretArn DISABLED", "PlatformDatabaseLogin REQUIRED",
        "NotificationsDatabaseLogin REQUIRED", "IdentityDatabaseLogin REQUIRED");
    JsonNode pool = shared.path("Resources").path("DatabaseProxyTargetGroup").path("Properties").path("ConnectionPoolConfigurationInfo");
    int shortestHttpTimeout = sampleCatalog.functions().stream().filter(f -> f.http() != null).mapToInt(FunctionSpec::timeoutSeconds).min().orElseThrow();
    assertThat(pool.path("ConnectionBorrowTimeout").asInt()).isPositive().isLessThan(shortestHttpTimeout);
  }

  @Test
  void only_signing_functions_read_the_signing_keys_and_only_migrate_reads_the_database_secrets() {
    for (Map.Entry<String, JsonNode> file : sample.entrySet()) {
      file.getValue().path("Resources").properties().forEach(r -> {
        if (r.getValue().path("Type").asString().equals("AWS::IAM::Role") && !r.getKey().equals("DatabaseProxyRole")) {
          Map<String, List<String>> bySid = statements(file.getValue(), r.getKey());
          assertThat(bySid.containsKey("ReadSigningKeys")).as(r.getKey()).isEqualTo(r.getKey().equals("SigningRole"));
          assertThat(bySid.containsKey("ReadDatabaseSecrets")).as(r.getKey()).isEqualTo(r.getKey().equals("MigrateFunctionRole"));
        }
      });
    }
    for (FunctionSpec f : sampleCatalog.functions()) {
      JsonNode properties = stack(f.module()).path("Resources").path(Resources.functionId(f.name())).path("Properties");
      String role = properties.path("Role").path("Fn::GetAtt").get(0).asString();
      assertThat(role).as(f.name()).isEqualTo(Stacks.isOnDeploy(f) ? "MigrateFunctionRole" : f.signsTokens() ? "SigningRole" : "FunctionsRole");
      assertThat(properties.path("Environment").path("Variables").has("JWT_SIGNING_KEYS_SECRET_ARN")).as(f.name()).isEqualTo(f.signsTokens());
    }
    assertThat(stack("platform").path("Resources").path("MigrateFunctionRole").path("Properties").path("Policies").get(0)
        .path("PolicyDocument").path("Statement").size()).as("logs, network, secrets: nothing a public function needs").isEqualTo(3);
  }

  @Test
  void api_gateway_invokes_each_module_with_a_role_for_exactly_its_routes() {
    assertThat(statements(stack("notifications"), "ApiRole").get("InvokeFunctions")).containsExactlyInAnyOrder(
        "${StackName}-create-template:live", "${StackName}-get-template:live", "${StackName}-provider-webhook:live");
    assertThat(statements(stack("identity"), "ApiRole").get("InvokeFunctions")).containsExactly("${StackName}-login:live");
    JsonNode login = shared.path("Resources").path("Api").path("Properties").path("DefinitionBody").path("paths").path("/login").path("post")
        .path("x-amazon-apigateway-integration");
    assertThat(login.path("credentials").path("Fn::GetAtt").get(0).asString()).isEqualTo("IdentityStack");
    assertThat(login.path("credentials").path("Fn::GetAtt").get(1).asString()).isEqualTo("Outputs.ApiRoleArn");
  }

  @Test
  void every_modules_log_group_hands_its_invocation_records_to_the_logs_function_once_it_may_be_invoked() {
    JsonNode resources = shared.path("Resources");
    for (String module : sampleCatalog.modules().keySet()) {
      JsonNode filter = resources.path(Cfn.pascal(module) + "UsageSubscription");
      assertThat(filter.path("Type").asString()).isEqualTo("AWS::Logs::SubscriptionFilter");
      assertThat(filter.path("Properties").path("LogGroupName").path("Fn::Sub").asString()).isEqualTo("/aws/lambda/${AWS::StackName}/" + module);
      assertThat(stack(module).path("Resources").path("LogGroup").path("Properties").path("LogGroupName").path("Fn::Sub").asString())
          .isEqualTo("/aws/lambda/${StackName}/" + module);
      assertThat(filter.path("Properties").path("FilterPattern").asString())
          .isEqualTo("{ ($.event = \"invocation\") && ($.function != \"record-usage\") }");
      assertThat(filter.path("Properties").path("DestinationArn").path("Fn::Sub").asString())
          .endsWith(":function:${AWS::StackName}-record-usage:live");
      assertThat(filter.path("DependsOn")).extracting(JsonNode::asString).contains(Stacks.stackId(module), "NotificationsStack");
    }

    JsonNode notifications = stack("notifications").path("Resources");
    JsonNode permission = notifications.path("RecordUsageFunctionLogsPermission").path("Properties");
    assertThat(permission.path("Principal").asString()).isEqualTo("logs.amazonaws.com");
    assertThat(permission.path("Action").asString()).isEqualTo("lambda:InvokeFunction");
    assertThat(permission.path("FunctionName").path("Ref").asString()).isEqualTo("RecordUsageFunction.Alias");
    assertThat(permission.path("SourceArn").path("Fn::Sub").asString()).endsWith(":log-group:/aws/lambda/${StackName}/*");
    assertThat(permission.path("SourceAccount").path("Ref").asString()).isEqualTo("AWS::AccountId");
    assertThat(stack("platform").path("Resources").has("RecordUsageFunctionLogsPermission")).isFalse();

    JsonNode invoke = notifications.path("RecordUsageFunction").path("Properties").path("EventInvokeConfig");
    assertThat(invoke.path("MaximumRetryAttempts").asInt()).isEqualTo(Stacks.LOGS_RETRIES);
    assertThat(invoke.path("DestinationConfig").path("OnFailure").path("Destination").path("Ref").asString())
        .isEqualTo(Stacks.USAGE_DEAD_LETTER_PARAMETER);
    assertThat(resources.path("NotificationsStack").path("Properties").path("Parameters").path(Stacks.USAGE_DEAD_LETTER_PARAMETER)
        .path("Fn::GetAtt").get(0).asString()).isEqualTo("UsageDeadLetterQueue");
    assertThat(resources.has("UsageDeadLetterAlarm")).isTrue();
    assertThat(statements(stack("notifications"), "FunctionsRole").get("KeepFailedLogBatches")).containsExactly(Stacks.USAGE_DEAD_LETTER_PARAMETER);
    assertThat(statements(stack("platform"), "FunctionsRole")).doesNotContainKey("KeepFailedLogBatches");
  }

  @Test
  void the_bucket_expires_every_modules_exports_and_then_their_old_versions() {
    JsonNode rules = shared.path("Resources").path("Bucket").path("Properties").path("LifecycleConfiguration").path("Rules");
    for (String module : sampleCatalog.modules().keySet()) {
      assertThat(rules.valueStream().filter(r -> r.path("Prefix").asString().equals(module + "/exports/")))
          .as("a rule for %s/exports/ (audit and data exports are written there, so a file goes even when its row went first)", module)
          .singleElement().satisfies(r -> {
            assertThat(r.path("Status").asString()).isEqualTo("Enabled");
            assertThat(r.path("ExpirationInDays").asInt()).isEqualTo(SharedStack.EXPORTS_EXPIRE_DAYS);
          });
    }
    assertThat(rules.valueStream().filter(r -> r.path("Id").asString().equals("old-versions"))).singleElement()
        .satisfies(r -> assertThat(r.path("NoncurrentVersionExpiration").path("NoncurrentDays").asInt())
            .isEqualTo(SharedStack.OLD_FILE_VERSIONS_EXPIRE_DAYS));
  }

  @Test
  void the_stacks_of_other_modules_wait_for_the_one_that_migrates() {
    JsonNode resources = shared.path("Resources");
    assertThat(resources.path("IdentityStack").path("DependsOn")).extracting(JsonNode::asString).contains("PlatformStack");
    assertThat(resources.path("PlatformStack").path("DependsOn")).extracting(JsonNode::asString).doesNotContain("IdentityStack");
    assertThat(stack("platform").path("Resources").path("HealthFunction").path("DependsOn").get(0).asString()).isEqualTo("MigrateFunctionOnDeploy");
    assertThat(stack("platform").path("Resources").path("MigrateFunction").path("Properties").path("EventInvokeConfig")
        .path("MaximumRetryAttempts").asInt()).isZero();
  }

  @Test
  void every_module_passes_its_stack_exactly_the_parameters_it_declares() {
    for (String module : sampleCatalog.modules().keySet()) {
      Set<String> passed = new TreeSet<>();
      shared.path("Resources").path(Stacks.stackId(module)).path("Properties").path("Parameters").propertyNames().forEach(passed::add);
      Set<String> declared = new TreeSet<>();
      stack(module).path("Parameters").propertyNames().forEach(declared::add);
      assertThat(passed).as(module).isEqualTo(declared);
    }
  }

  @Test
  void a_catalog_without_queues_or_schedules_needs_no_queue_scheduler_or_signing_resources() {
    Catalog catalog = CatalogLoader.parse("""
        modules: {platform: {initializer: dev.saaskit.platform.PlatformFunctions}}
        functions:
          - {name: health, module: platform, handler: dev.saaskit.platform.Health,
             http: {method: GET, path: /health}, access: public}
        """.getBytes(StandardCharsets.UTF_8), "small.yaml");
    Map<String, JsonNode> small = Repository.deployment(catalog);

    assertThat(small.get(SamTemplate.TEMPLATE).path("Parameters").has("JwtSigningKeysSecretArn")).isFalse();
    assertThat(small.get(SamTemplate.TEMPLATE).path("Resources").has("ScheduleDeadLetterQueue")).isFalse();
    assertThat(small.get(SamTemplate.TEMPLATE).path("Resources").has("UsageDeadLetterQueue")).isFalse();
    assertThat(small.get(SamTemplate.TEMPLATE).path("Resources").has("PlatformUsageSubscription")).isFalse();
    JsonNode platform = small.get(Stacks.stackFile("platform")).path("Resources");
    assertThat(platform.has("SchedulerRole")).isFalse();
    assertThat(platform.has("SigningRole")).isFalse();
    assertThat(platform.path("HealthFunction").has("DependsOn")).isFalse();
    assertThat(statements(small.get(Stacks.stackFile("platform")), "FunctionsRole")).doesNotContainKeys("SendToQueues", "ConsumeOwnQueues");
  }

  @Test
  void module_settings_become_parameters_and_environment_and_only_their_module_reads_their_secrets() {
    JsonNode parameters = shared.path("Parameters");
    assertThat(parameters.path("AppUrl").path("AllowedPattern").asString()).isEqualTo("https?://[^\\s]+");
    assertThat(parameters.path("AppUrl").has("Default")).as("a parameter without a default is the deployer's to give").isFalse();
    assertThat(parameters.path("AppUrl").path("Description").asString()).contains("APP_URL of module notifications", "LINK_BASE of module identity");
    assertThat(parameters.path("SenderId").path("Default").asString()).isEmpty();
    assertThat(parameters.path("ProviderKeySecretArn").path("AllowedPattern").asString()).isEqualTo(SharedStack.SECRET_ARN_PATTERN);
    assertThat(parameters.path("PepperSecretArn").path("AllowedPattern").asString()).isEqualTo(SharedStack.SECRET_ARN_PATTERN);
    assertThat(parameters.path(Stacks.EMAIL_IDENTITY_PARAMETER).has("Default")).isFalse();
    assertThat("REPLACE_email-identity").doesNotMatch(SharedStack.EMAIL_IDENTITY_PATTERN);
    assertThat(List.of("example.com", "mail.example.co.uk", "no-reply@example.com")).allMatch(v -> v.matches(SharedStack.EMAIL_IDENTITY_PATTERN));

    JsonNode notifications = stack("notifications").path("Globals").path("Function").path("Environment").path("Variables");
    assertThat(notifications.path("EMAIL_PROVIDER").asString()).isEqualTo("ses");
    assertThat(notifications.path("APP_URL").path("Ref").asString()).isEqualTo("AppUrl");
    assertThat(notifications.path("SENDER_ID").path("Ref").asString()).isEqualTo("SenderId");
    assertThat(notifications.path("PROVIDER_KEY_SECRET_ARN").path("Ref").asString()).isEqualTo("ProviderKeySecretArn");
    assertThat(notifications.path(Stacks.EMAIL_CONFIGURATION_SET_VARIABLE).path("Ref").asString()).isEqualTo(Stacks.EMAIL_CONFIGURATION_SET_PARAMETER);
    JsonNode identity = stack("identity").path("Globals").path("Function").path("Environment").path("Variables");
    assertThat(identity.path("LINK_BASE").path("Ref").asString()).isEqualTo("AppUrl");
    assertThat(identity.has("APP_URL")).as("a module gets its own settings only").isFalse();
    assertThat(stack("platform").path("Globals").path("Function").path("Environment").path("Variables").has("EMAIL_PROVIDER")).isFalse();

    assertThat(statements(stack("notifications"), "FunctionsRole")).containsEntry("ReadModuleSecrets", List.of("ProviderKeySecretArn"));
    assertThat(statements(stack("identity"), "SigningRole")).containsEntry("ReadModuleSecrets", List.of("PepperSecretArn"));
    assertThat(statements(stack("platform"), "FunctionsRole")).doesNotContainKeys("ReadModuleSecrets", "SendEmail", "SendSms");
    assertThat(statements(stack("platform"), "MigrateFunctionRole")).doesNotContainKeys("ReadModuleSecrets", "SendEmail", "SendSms");
    assertThat(statements(stack("identity"), "SigningRole")).doesNotContainKeys("SendEmail", "SendSms");
  }

  @Test
  void a_module_sends_email_from_its_identity_through_a_configuration_set_whose_reports_reach_its_feedback_queue_raw() {
    Map<String, List<String>> notifications = statements(stack("notifications"), "FunctionsRole");
    assertThat(notifications.get("SendEmail")).containsExactly(
        "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${EmailIdentity}",
        "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${EmailConfigurationSet}");
    assertThat(notifications.get("SendSms")).as("an SMS has no ARN: SNS has no resource type or condition key for it").containsExactly("\"*\"");
    JsonNode passed = shared.path("Resources").path(Stacks.stackId("notifications")).path("Properties").path("Parameters");
    assertThat(passed.path(Stacks.EMAIL_CONFIGURATION_SET_PARAMETER).path("Ref").asString()).isEqualTo("NotificationsEmailConfigurationSet");
    assertThat(passed.path(Stacks.EMAIL_IDENTITY_PARAMETER).path("Ref").asString()).isEqualTo(Stacks.EMAIL_IDENTITY_PARAMETER);

    JsonNode resources = shared.path("Resources");
    JsonNode destination = resources.path("NotificationsEmailFeedbackEvents").path("Properties");
    assertThat(destination.path("ConfigurationSetName").path("Ref").asString()).isEqualTo("NotificationsEmailConfigurationSet");
    assertThat(destination.path("EventDestination").path("MatchingEventTypes")).extracting(JsonNode::asString).containsExactly("bounce", "complaint");
    assertThat(destination.path("EventDestination").path("SnsDestination").path("TopicARN").path("Ref").asString())
        .isEqualTo("NotificationsEmailFeedbackTopic");
    JsonNode sesPublishes = resources.path("NotificationsEmailFeedbackTopicPolicy").path("Properties").path("PolicyDocument").path("Statement").get(0);
    assertThat(sesPublishes.path("Principal").path("Service").asString()).isEqualTo("ses.amazonaws.com");
    assertThat(sesPublishes.path("Condition").path("StringEquals").path("AWS:SourceArn").path("Fn::Sub").asString())
        .endsWith(":configuration-set/${NotificationsEmailConfigurationSet}");
    JsonNode subscription = resources.path("NotificationsEmailFeedbackSubscription").path("Properties");
    assertThat(subscription.path("Protocol").asString()).isEqualTo("sqs");
    assertThat(subscription.path("RawMessageDelivery").asBoolean()).as("RecordEmailFeedback reads SES's JSON itself").isTrue();
    assertThat(subscription.path("Endpoint").path("Fn::GetAtt").get(0).asString()).isEqualTo("EmailFeedbackQueue");
    JsonNode topicSends = resources.path("NotificationsEmailFeedbackQueuePolicy").path("Properties");
    assertThat(topicSends.path("Queues").get(0).path("Ref").asString()).isEqualTo("EmailFeedbackQueue");
    assertThat(topicSends.path("PolicyDocument").path("Statement").get(0).path("Condition").path("ArnEquals").path("aws:SourceArn").path("Ref")
        .asString()).isEqualTo("NotificationsEmailFeedbackTopic");
    assertThat(Repository.deployment(Repository.catalog()).get(SamTemplate.TEMPLATE).path("Resources")
        .path("NotificationsEmailFeedbackSubscription").path("Properties").path("Endpoint").path("Fn::GetAtt").get(0).asString())
        .as("the platform's notifications module reports to email-feedback").isEqualTo("EmailFeedbackQueue");
  }

  /** Sid to resources, each written {@code Ref}, {@code Resource.Attribute} or the Sub text without the ARN's head. */
  static Map<String, List<String>> statements(JsonNode template, String role) {
    Map<String, List<String>> bySid = new HashMap<>();
    template.path("Resources").path(role).path("Properties").path("Policies").get(0).path("PolicyDocument").path("Statement")
        .forEach(s -> {
          List<String> targets = new ArrayList<>();
          s.path("Resource").forEach(r -> targets.add(describe(r)));
          bySid.put(s.path("Sid").asString(), targets);
        });
    return bySid;
  }

  private static String describe(JsonNode value) {
    if (value.has("Ref")) {
      return value.path("Ref").asString();
    }
    if (value.has("Fn::GetAtt")) {
      return value.path("Fn::GetAtt").get(0).asString() + "." + value.path("Fn::GetAtt").get(1).asString();
    }
    if (value.has("Fn::Sub")) {
      return value.path("Fn::Sub").asString().replace("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:", "");
    }
    return value.toString();
  }
}

package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * infra-terraform/ (the root and its ./domain module) is formatted and valid, its locals read the
 * catalog as the runtime does, and an offline plan (no AWS credentials, no state) makes a function,
 * route, throttle, queue mapping, schedule and alarm for each catalog entry, with the roles and
 * environment SAM gives them. Terraform runs on a copy under target/, so nothing is written into the
 * source directory.
 */
class TerraformTest {

  static final Path SOURCE = Repository.ROOT.resolve("infra-terraform");
  static final Path WORK = Repository.BUILD.resolve("terraform-check");
  /** Where these machines keep the hashicorp/aws provider; elsewhere init downloads it. */
  static final Path PLUGIN_DIR = Path.of("/opt/tf-plugins");
  static final String STACK = "saaskit-check";
  static final String SIGNING_KEYS = "arn:aws:secretsmanager:us-east-1:123456789012:secret:saaskit-signing-keys";
  /** The values of the sample catalog's module parameters (sender_id keeps its default). */
  static final Map<String, String> MODULE_PARAMETERS = Map.of(
      "app_url", "https://app.example.com",
      "provider_key_secret_arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:provider-key",
      "pepper_secret_arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:pepper");

  /** The provider, offline: planning new resources calls no AWS API. */
  static final String OFFLINE_PROVIDER = """
      provider "aws" {
        region                      = "us-east-1"
        access_key                  = "offline"
        secret_key                  = "offline"
        skip_credentials_validation = true
        skip_requesting_account_id  = true
        skip_metadata_api_check     = true
        skip_region_validation      = true
      }
      """;

  static final String VARIABLES = """
      stack_name                  = "%s"
      artifact_dir                = "artifacts"
      vpc_id                      = "vpc-0123456789abcdef0"
      subnet_ids                  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
      database_security_group_id  = "sg-0123456789abcdef0"
      database_identifier         = "saaskit"
      database_secret_arn         = "arn:aws:secretsmanager:us-east-1:123456789012:secret:saaskit-db"
      jwt_jwks                    = "{\\"keys\\": []}"
      jwt_signing_keys_secret_arn = "%s"
      allowed_origins             = ["https://app.example.com"]
      email_identity              = "example.com"
      module_parameters = {
      %s
      }
      """.formatted(STACK, SIGNING_KEYS, MODULE_PARAMETERS.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> "  " + e.getKey() + " = \"" + e.getValue() + "\"").collect(Collectors.joining("\n")));

  @BeforeAll
  static void init() throws IOException {
    RequiredTool.require(Tools.onPath("terraform"), "terraform", "Terraform 1.5 or newer, with the hashicorp/aws provider in /opt/tf-plugins or a reachable registry");
    if (Files.exists(WORK)) {
      try (Stream<Path> files = Files.walk(WORK)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(WORK);
    try (Stream<Path> files = Files.walk(SOURCE)) {
      for (Path tf : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
        Path copy = WORK.resolve(SOURCE.relativize(tf).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(tf, copy);
      }
    }
    Files.writeString(WORK.resolve("provider_override.tf"), OFFLINE_PROVIDER);
    Files.writeString(WORK.resolve("terraform.tfvars"), VARIABLES);
    for (Catalog catalog : List.of(Repository.catalog(), Repository.sampleCatalog())) {
      for (String module : catalog.modules().keySet()) {
        Repository.write(WORK.resolve("artifacts/" + module + "/target/" + module + "-aws.jar"), module.getBytes());
      }
    }
    List<String> init = new ArrayList<>(List.of("terraform", "init", "-backend=false", "-input=false", "-no-color"));
    if (Files.isDirectory(PLUGIN_DIR)) {
      init.add("-plugin-dir=" + PLUGIN_DIR);
    }
    Tools.Result result = terraform(init);
    assertThat(result.exitCode()).as(result.both()).isZero();
  }

  @Test
  void is_formatted() {
    Tools.Result fmt = Tools.run(SOURCE, "terraform", "fmt", "-check", "-diff", "-recursive", "-no-color");
    assertThat(fmt.exitCode()).as("terraform fmt -check in infra-terraform/:%n%s", fmt.both()).isZero();
  }

  @Test
  void is_valid() {
    Tools.Result validate = terraform(List.of("terraform", "validate", "-no-color"));
    assertThat(validate.exitCode()).as(validate.both()).isZero();
  }

  @Test
  void its_locals_read_the_catalog_as_the_runtime_does() {
    for (Path catalogFile : List.of(Repository.ROOT.resolve(SamTemplate.CATALOG), Repository.sampleCatalogFile())) {
      Catalog catalog = CatalogLoader.parse(Repository.read(catalogFile), catalogFile.toString());
      assertThat(functionsInLocals(catalogFile)).containsExactlyInAnyOrderElementsOf(Deployed.of(catalog));
      JsonNode locals = console(catalogFile, "jsonencode({throttles = local.throttles, functions = local.functions,"
          + " borrow_timeout = local.borrow_timeout, users = local.database_users})");
      for (FunctionSpec f : catalog.functions()) {
        JsonNode fn = locals.path("functions").path(f.name());
        assertThat(fn.path("signs_tokens").asBoolean()).as(f.name()).isEqualTo(f.signsTokens());
        assertThat(fn.path("reserved").isNull() ? null : fn.path("reserved").asInt()).as(f.name()).isEqualTo(f.reservedConcurrency());
        if (f.http() != null) {
          JsonNode throttle = locals.path("throttles").path(f.name());
          assertThat(new FunctionSpec.Throttle(throttle.path("rate").asInt(), throttle.path("burst").asInt())).as(f.name())
              .isEqualTo(f.throttle());
        }
      }
      assertThat(locals.path("borrow_timeout").asInt()).isEqualTo(Stacks.borrowTimeoutSeconds(catalog));
      catalog.modules().keySet().forEach(m -> assertThat(locals.path("users").path(m).asString()).isEqualTo(Stacks.databaseUser(m)));
    }
  }

  @Test
  void its_plan_deploys_every_catalog_entry() {
    Catalog catalog = Repository.sampleCatalog();
    Map<String, Map<String, JsonNode>> planned = plan(Repository.sampleCatalogFile());

    Map<String, String> functions = new HashMap<>();
    planned.get("aws_lambda_function.function").forEach((name, f) -> functions.put(name,
        f.path("function_name").asString() + " " + f.path("filename").asString() + " " + f.path("memory_size").asInt()
            + " MB " + f.path("timeout").asInt() + " s " + f.path("handler").asString() + " reserved "
            + f.path("reserved_concurrent_executions").asInt()));
    assertThat(functions).isEqualTo(catalog.functions().stream().collect(Collectors.toMap(FunctionSpec::name,
        f -> STACK + "-" + f.name() + " artifacts/" + f.module() + "/target/" + f.module() + "-aws.jar " + f.memoryMb()
            + " MB " + f.timeoutSeconds() + " s " + SamTemplate.HANDLER + " reserved "
            + (f.reservedConcurrency() == null ? -1 : f.reservedConcurrency()))));
    assertThat(planned.get("aws_lambda_alias.live").keySet()).isEqualTo(functions.keySet());
    assertThat(planned.get("aws_cloudwatch_metric_alarm.function").keySet()).isEqualTo(functions.keySet());
    planned.get("aws_cloudwatch_metric_alarm.function").forEach((name, alarm) -> assertThat(alarm.path("metric_query").toString())
        .as(name).contains("Errors", "Throttles", "Duration", "\"errors\""));

    assertThat(values(planned, "aws_apigatewayv2_route.function", r -> r.path("route_key").asString()))
        .isEqualTo(byTrigger(catalog, Trigger.Http.class, h -> h.routeKey()));
    assertThat(values(planned, "aws_lambda_event_source_mapping.queue", m -> m.path("batch_size").asInt() + "/"
        + m.path("maximum_batching_window_in_seconds").asInt() + " " + m.path("function_response_types").get(0).asString()
        + " max " + m.path("scaling_config").get(0).path("maximum_concurrency").asInt()))
        .isEqualTo(byTrigger(catalog, Trigger.Sqs.class, q -> q.batchSize() + "/" + q.batchingWindowSeconds() + " ReportBatchItemFailures max "
            + q.maxConcurrency()));
    assertThat(values(planned, "aws_scheduler_schedule.function", s -> s.path("schedule_expression").asString()))
        .isEqualTo(byTrigger(catalog, Trigger.Schedule.class, Trigger.Schedule::expression));
    planned.get("aws_scheduler_schedule.function").values().forEach(s -> {
      JsonNode target = s.path("target").get(0);
      assertThat(Json.tree(target.path("input").asString())).isEqualTo(Json.tree(Stacks.SCHEDULED_EVENT));
      assertThat(target.path("retry_policy").get(0).path("maximum_retry_attempts").asInt()).isEqualTo(Stacks.SCHEDULE_RETRIES);
      assertThat(target.path("dead_letter_config")).hasSize(1);
    });
    assertThat(planned.get("aws_lambda_invocation.on_deploy").keySet()).containsExactly("migrate");

    Map<String, String> throttles = new HashMap<>();
    JsonNode stage = planned.get("aws_apigatewayv2_stage.default").get("");
    stage.path("route_settings").forEach(r -> throttles.put(r.path("route_key").asString(),
        r.path("throttling_rate_limit").asInt() + "/" + r.path("throttling_burst_limit").asInt()));
    assertThat(throttles).isEqualTo(catalog.functions().stream().filter(f -> f.http() != null)
        .collect(Collectors.toMap(f -> f.http().routeKey(), f -> f.throttle().rate() + "/" + f.throttle().burst())));
    assertThat(stage.path("access_log_settings")).hasSize(1);

    Set<String> queueNames = new HashSet<>();
    planned.get("aws_sqs_queue.queue").values().forEach(q -> queueNames.add(q.path("name").asString()));
    planned.get("aws_sqs_queue.dead_letter").values().forEach(q -> queueNames.add(q.path("name").asString()));
    assertThat(queueNames).isEqualTo(catalog.queues().values().stream()
        .flatMap(q -> Stream.of(STACK + "-" + q.name(), STACK + "-" + q.deadLetterName())).collect(Collectors.toSet()));
    assertThat(planned.get("aws_cloudwatch_metric_alarm.queue_age").keySet()).isEqualTo(catalog.queues().keySet());
  }

  @Test
  void every_modules_log_group_hands_its_invocation_records_to_the_logs_function_which_keeps_failed_batches() {
    Map<String, Map<String, JsonNode>> planned = plan(Repository.sampleCatalogFile());

    Map<String, JsonNode> filters = planned.get("aws_cloudwatch_log_subscription_filter.usage");
    assertThat(filters.keySet()).isEqualTo(Repository.sampleCatalog().modules().keySet());
    filters.forEach((module, filter) -> {
      assertThat(filter.path("log_group_name").asString()).isEqualTo("/aws/lambda/" + STACK + "/" + module);
      assertThat(filter.path("filter_pattern").asString()).isEqualTo("{ ($.event = \"invocation\") && ($.function != \"record-usage\") }");
    });
    JsonNode permission = planned.get("aws_lambda_permission.logs").get("record-usage");
    assertThat(permission.path("principal").asString()).isEqualTo("logs.amazonaws.com");
    assertThat(permission.path("qualifier").asString()).isEqualTo("live");
    JsonNode invoke = planned.get("aws_lambda_function_event_invoke_config.logs").get("record-usage");
    assertThat(invoke.path("maximum_retry_attempts").asInt()).isEqualTo(Stacks.LOGS_RETRIES);
    assertThat(invoke.path("destination_config")).hasSize(1);
    assertThat(planned.get("aws_sqs_queue.usage_dead_letter").values()).extracting(q -> q.path("name").asString())
        .containsExactly(STACK + "-usage-dlq");
    // The permission's source and the role's statement name ARNs known only after apply; SamTemplateTest checks SAM's.
  }

  @Test
  void only_signing_functions_get_the_signing_keys_and_migrate_logs_in_as_the_owner_with_a_role_of_its_own() {
    Catalog catalog = Repository.sampleCatalog();
    Map<String, Map<String, JsonNode>> planned = plan(Repository.sampleCatalogFile());

    JsonNode environments = console(Repository.sampleCatalogFile(), "jsonencode(local.function_environment)");
    for (FunctionSpec f : catalog.functions()) {
      JsonNode environment = environments.path(f.name());
      assertThat(environment.path("MAIN_CLASS").asString()).isEqualTo(catalog.modules().get(f.module()).initializer());
      assertThat(environment.path("SPRING_CLOUD_FUNCTION_DEFINITION").asString()).isEqualTo(f.bean());
      assertThat(environment.path("JWT_SIGNING_KEYS_SECRET_ARN").asString(null)).as(f.name()).isEqualTo(f.signsTokens() ? SIGNING_KEYS : null);
      assertThat(environment.path("DATABASE_IAM_AUTH").asString()).as(f.name()).isEqualTo(Stacks.isOnDeploy(f) ? "false" : "true");
      assertThat(environment.path("DATABASE_USER").asString()).as(f.name()).isEqualTo(Stacks.isOnDeploy(f) ? "" : Stacks.databaseUser(f.module()));
      assertThat(environment.has("DATABASE_SECRET_ARN")).as(f.name()).isEqualTo(Stacks.isOnDeploy(f));
    }
    assertThat(planned.get("aws_iam_role.signing").keySet()).containsExactly("identity");
    assertThat(planned.get("aws_iam_role.signing").get("identity").path("name").asString()).isEqualTo(STACK + "-identity-signing");
    assertThat(planned.get("aws_iam_role.on_deploy").keySet()).containsExactly("migrate");
    assertThat(planned.get("aws_iam_role.functions").keySet()).containsExactlyInAnyOrder("platform", "notifications");
    // The policies' text names ARNs known only after apply; SamTemplateTest checks the same statements in SAM's.
  }

  @Test
  void module_settings_reach_their_modules_functions_and_roles_and_email_reports_reach_the_feedback_queue_raw() {
    Catalog catalog = Repository.sampleCatalog();
    JsonNode locals = console(Repository.sampleCatalogFile(),
        "jsonencode({environment = local.function_environment, permissions = local.module_permissions})");
    for (FunctionSpec f : catalog.functions()) {
      ModuleSpec module = catalog.modules().get(f.module());
      JsonNode environment = locals.path("environment").path(f.name());
      module.settings().forEach((variable, setting) -> assertThat(environment.path(variable).asString(null)).as(f.name() + " " + variable)
          .isEqualTo(setting.isParameter() ? MODULE_PARAMETERS.getOrDefault(setting.parameter(), setting.defaultValue()) : setting.value()));
      assertThat(environment.path(Stacks.EMAIL_CONFIGURATION_SET_VARIABLE).asString(null)).as(f.name())
          .isEqualTo(module.sendsEmail() ? STACK + "-" + module.name() : null);
    }
    assertThat(locals.path("environment").path("health").has("APP_URL")).as("a module gets its own settings only").isFalse();
    JsonNode permissions = locals.path("permissions");
    assertThat(permissions.path("notifications")).isEqualTo(Json.tree("""
        {"secret_arns": ["%s"], "email": {"identity": "example.com", "configuration_set": "%s-notifications"}, "sms": true}
        """.formatted(MODULE_PARAMETERS.get("provider_key_secret_arn"), STACK)));
    assertThat(permissions.path("identity")).isEqualTo(Json.tree("""
        {"secret_arns": ["%s"], "email": null, "sms": false}""".formatted(MODULE_PARAMETERS.get("pepper_secret_arn"))));
    assertThat(permissions.path("platform")).isEqualTo(Json.tree("{\"secret_arns\": [], \"email\": null, \"sms\": false}"));

    Map<String, Map<String, JsonNode>> planned = plan(Repository.sampleCatalogFile());
    for (String resource : List.of("aws_sesv2_configuration_set.email", "aws_sns_topic.email_feedback", "aws_sns_topic_policy.email_feedback",
        "aws_sesv2_configuration_set_event_destination.email_feedback", "aws_sns_topic_subscription.email_feedback",
        "aws_sqs_queue_policy.email_feedback")) {
      assertThat(planned.get(resource).keySet()).as(resource).containsExactly("notifications");
    }
    JsonNode destination = planned.get("aws_sesv2_configuration_set_event_destination.email_feedback").get("notifications");
    assertThat(destination.path("configuration_set_name").asString()).isEqualTo(STACK + "-notifications");
    assertThat(destination.path("event_destination").get(0).path("matching_event_types")).extracting(JsonNode::asString)
        .containsExactly("BOUNCE", "COMPLAINT");
    JsonNode subscription = planned.get("aws_sns_topic_subscription.email_feedback").get("notifications");
    assertThat(subscription.path("protocol").asString()).isEqualTo("sqs");
    assertThat(subscription.path("raw_message_delivery").asBoolean()).as("RecordEmailFeedback reads SES's JSON itself").isTrue();
  }

  @Test
  void a_plan_fails_naming_the_module_parameters_that_are_missing_or_invalid() {
    Tools.Result missing = terraform(List.of("terraform", "plan", "-input=false", "-no-color", "-refresh=false",
        "-var", "catalog_file=" + Repository.sampleCatalogFile(), "-var", "module_parameters={}"));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.both().replaceAll("\\s+", " ")).contains("module_parameters needs a value for: app_url, pepper_secret_arn, provider_key_secret_arn");

    Tools.Result invalid = terraform(List.of("terraform", "plan", "-input=false", "-no-color", "-refresh=false",
        "-var", "catalog_file=" + Repository.sampleCatalogFile(), "-var", "email_identity=REPLACE_identity", "-var",
        "module_parameters={app_url = \"REPLACE_url\", pepper_secret_arn = \"x\", provider_key_secret_arn = \"" + MODULE_PARAMETERS.get("provider_key_secret_arn")
            + "\", typo = \"x\"}"));
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.both().replaceAll("\\s+", " ")).contains("do not match their patterns (functions/catalog.yaml): app_url")
        .contains("names what no module setting of the catalog does: typo").contains("a secret's parameter is the ARN")
        .contains("email_identity must be");
  }

  /** An offline plan of the catalog file, as {@link #planned}. */
  private static Map<String, Map<String, JsonNode>> plan(Path catalogFile) {
    Tools.Result plan = terraform(List.of("terraform", "plan", "-input=false", "-no-color", "-refresh=false",
        "-out=check.plan", "-var", "catalog_file=" + catalogFile));
    assertThat(plan.exitCode()).as(plan.both()).isZero();
    Tools.Result show = terraform(List.of("terraform", "show", "-json", "check.plan"));
    assertThat(show.exitCode()).as(show.both()).isZero();
    return planned(Json.tree(show.stdout()));
  }

  /** The value of a {@code jsonencode(...)} expression in {@code terraform console} on the catalog file. */
  private static JsonNode console(Path catalogFile, String expression) {
    Tools.Result console = Tools.run(WORK, expression + "\n", Map.of(), List.of("terraform", "console", "-var", "catalog_file=" + catalogFile));
    assertThat(console.exitCode()).as(console.both()).isZero();
    // The console prints the string as an HCL literal, which reads as a JSON string.
    return Json.tree(Json.MAPPER.readValue(console.stdout().trim(), String.class));
  }

  /** {@code local.functions} as Terraform computes it from the catalog file. */
  private static Set<Deployed> functionsInLocals(Path catalogFile) {
    JsonNode functions = console(catalogFile, "jsonencode(local.functions)");
    Set<Deployed> deployed = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : functions.properties()) {
      JsonNode f = entry.getValue();
      String trigger;
      if (!f.path("http").isNull()) {
        trigger = Deployed.http(f.path("http").path("method").asString(), f.path("http").path("path").asString());
      } else if (!f.path("sqs").isNull()) {
        JsonNode sqs = f.path("sqs");
        trigger = Deployed.sqs(sqs.path("queue").asString(), sqs.path("batch_size").asInt(), sqs.path("batching_window").asInt(),
            sqs.path("max_receives").asInt(), sqs.path("max_concurrency").asInt());
      } else if (!f.path("schedule").isNull()) {
        trigger = "schedule " + f.path("schedule").asString();
      } else if (f.path("logs").asBoolean()) {
        trigger = Deployed.LOGS;
      } else {
        trigger = Deployed.direct(f.path("on_deploy").asBoolean());
      }
      deployed.add(new Deployed(entry.getKey(), f.path("module").asString(), f.path("bean").asString(),
          f.path("memory").asInt(), f.path("timeout").asInt(), trigger));
    }
    return deployed;
  }

  /**
   * Resource address without module or key ({@code aws_lambda_function.function}) to key to planned
   * values; a resource made once per module instance goes by the module's name, one of the root by "".
   */
  private static Map<String, Map<String, JsonNode>> planned(JsonNode plan) {
    Map<String, Map<String, JsonNode>> byResource = new HashMap<>();
    for (JsonNode change : plan.path("resource_changes")) {
      String resource = change.path("type").asString() + "." + change.path("name").asString();
      // for_each keys are catalog names; a counted resource (one per module at most) goes by its module instance.
      String key = change.path("index").isString() ? change.path("index").asString()
          : change.path("module_address").asString("").replaceAll(".*\\[\"(.+)\"]$", "$1");
      byResource.computeIfAbsent(resource, r -> new HashMap<>()).put(key, change.path("change").path("after"));
    }
    return byResource;
  }

  private static Map<String, String> values(
      Map<String, Map<String, JsonNode>> planned, String resource, java.util.function.Function<JsonNode, String> value) {
    Map<String, String> values = new HashMap<>();
    planned.getOrDefault(resource, Map.of()).forEach((key, after) -> values.put(key, value.apply(after)));
    return values;
  }

  private static <T extends Trigger> Map<String, String> byTrigger(
      Catalog catalog, Class<T> kind, java.util.function.Function<T, String> value) {
    return catalog.functions().stream().filter(f -> kind.isInstance(f.trigger()))
        .collect(Collectors.toMap(FunctionSpec::name, f -> value.apply(kind.cast(f.trigger()))));
  }

  private static Tools.Result terraform(List<String> command) {
    return Tools.run(WORK, "", Map.of("TF_IN_AUTOMATION", "1"), command);
  }
}

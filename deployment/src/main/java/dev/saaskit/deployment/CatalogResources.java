package dev.saaskit.deployment;

import static dev.saaskit.deployment.Cfn.array;
import static dev.saaskit.deployment.Cfn.getAtt;
import static dev.saaskit.deployment.Cfn.ifThen;
import static dev.saaskit.deployment.Cfn.noValue;
import static dev.saaskit.deployment.Cfn.object;
import static dev.saaskit.deployment.Cfn.pascal;
import static dev.saaskit.deployment.Cfn.policyDocument;
import static dev.saaskit.deployment.Cfn.ref;
import static dev.saaskit.deployment.Cfn.statement;
import static dev.saaskit.deployment.Cfn.sub;
import static dev.saaskit.deployment.Cfn.trustPolicy;
import static dev.saaskit.deployment.Resources.deadLetterId;
import static dev.saaskit.deployment.Resources.functionId;
import static dev.saaskit.deployment.Resources.moduleId;
import static dev.saaskit.deployment.Resources.queueId;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the catalog's entries become: the API with a route per HTTP function, a role and a log
 * group per domain module, a queue and dead-letter queue per queue, and per function the function
 * itself, its queue mapping or schedule, and an errors alarm.
 */
final class CatalogResources {

  static final String ALIAS = "live";
  /** EventBridge's "Scheduled Event", which the runtime's schedule binding reads; Scheduler fills in the placeholders. */
  static final String SCHEDULED_EVENT = "{\"version\":\"0\",\"id\":\"<aws.scheduler.execution-id>\",\"detail-type\":\"Scheduled Event\","
      + "\"source\":\"aws.scheduler\",\"time\":\"<aws.scheduler.scheduled-time>\",\"resources\":[\"<aws.scheduler.schedule-arn>\"],\"detail\":{}}";
  static final int DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
  static final int ALARM_PERIOD_SECONDS = 300;
  /** The namespace of the metrics the runtime's invocation log line carries, by function name. */
  static final String RUNTIME_METRICS = "SaasKit";
  /** The stack parameter naming the secret of the private signing keys. */
  static final String SIGNING_KEYS_PARAMETER = "JwtSigningKeysSecretArn";

  private final Catalog catalog;
  private final Resources resources;
  /** The custom resources that run the on-deploy functions; every other function waits for them. */
  private final List<String> deployHooks;

  private CatalogResources(Catalog catalog, Resources resources) {
    this.catalog = catalog;
    this.resources = resources;
    this.deployHooks = catalog.functions().stream().filter(CatalogResources::isOnDeploy).map(f -> functionId(f.name()) + "OnDeploy").toList();
  }

  static void addTo(Resources resources, Catalog catalog) {
    CatalogResources catalogResources = new CatalogResources(catalog, resources);
    catalogResources.api();
    catalog.modules().values().forEach(catalogResources::module);
    catalog.queues().values().forEach(catalogResources::queue);
    catalog.functions().forEach(catalogResources::function);
    catalogResources.scheduler();
  }

  /** The API with every route in its OpenAPI body; API Gateway invokes the functions' aliases through ApiRole. */
  private void api() {
    ObjectNode body = object().put("openapi", "3.0.1");
    body.putObject("info").put("version", "1.0").set("title", ref("AWS::StackName"));
    ObjectNode cors = body.putObject("x-amazon-apigateway-cors");
    cors.set("allowOrigins", ref("AllowedOrigins"));
    cors.set("allowMethods", array("GET", "POST", "PUT", "PATCH", "DELETE"));
    cors.set("allowHeaders", array("authorization", "content-type", "idempotency-key"));
    cors.set("exposeHeaders", array("x-request-id", "idempotent-replayed", "retry-after"));
    cors.put("maxAge", 600);
    ObjectNode paths = body.putObject("paths");
    List<JsonNode> aliases = new ArrayList<>();
    for (FunctionSpec f : catalog.functions()) {
      if (f.trigger() instanceof Trigger.Http http) {
        String path = http.isDefault() ? "/" + Trigger.Http.DEFAULT_PATH : http.path();
        String operation = http.method().equals("ANY") ? "x-amazon-apigateway-any-method" : http.method().toLowerCase(Locale.ROOT);
        ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        ObjectNode integration = pathItem.putObject(operation).putObject("x-amazon-apigateway-integration")
            .put("type", "aws_proxy")
            .put("httpMethod", "POST")
            .put("payloadFormatVersion", "2.0");
        integration.set("uri", sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"
            + functionId(f.name()) + ".Alias}/invocations"));
        integration.set("credentials", getAtt("ApiRole", "Arn"));
        aliases.add(ref(functionId(f.name()) + ".Alias"));
      }
    }
    resources.add("Api", "AWS::Serverless::HttpApi", "the HTTP API").set("DefinitionBody", body);
    invokeRole("ApiRole", "apigateway.amazonaws.com", aliases, "the HTTP API");
  }

  /** Whether a module of the catalog signs access tokens, so the stack needs the signing keys' secret. */
  static boolean anySignsTokens(Catalog catalog) {
    return catalog.modules().values().stream().anyMatch(ModuleSpec::signsTokens);
  }

  /** A role that {@code service} assumes to invoke the given function aliases, and nothing else. */
  private void invokeRole(String id, String service, List<JsonNode> aliases, String owner) {
    ObjectNode role = resources.add(id, "AWS::IAM::Role", owner);
    role.set("AssumeRolePolicyDocument", trustPolicy(service));
    ObjectNode policy = object().put("PolicyName", "invoke-functions");
    policy.set("PolicyDocument", policyDocument(array(statement("InvokeFunctions", List.of("lambda:InvokeFunction"), array(aliases)))));
    role.set("Policies", array(policy));
  }

  /**
   * The log group and the role every function of a module shares: its log group, the VPC's network
   * interfaces, the database secret, the signing keys' secret if the module signs tokens, its own
   * bucket prefix, sending to every queue (the outbox may publish anywhere) and consuming only the
   * queues its functions consume.
   */
  private void module(ModuleSpec module) {
    String where = "module '" + module.name() + "'";
    String logGroup = moduleId(module.name()) + "LogGroup";
    resources.add(logGroup, "AWS::Logs::LogGroup", where)
        .set("LogGroupName", sub("/aws/lambda/${AWS::StackName}/" + module.name()))
        .set("RetentionInDays", ref("LogRetentionDays"));

    ArrayNode statements = array(
        statement("WriteLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), array(getAtt(logGroup, "Arn"))),
        statement("AttachToVpc", List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"), array("*")),
        statement("ReadDatabaseSecret", List.of("secretsmanager:GetSecretValue"), array(ref("DatabaseSecretArn"))));
    if (module.signsTokens()) {
      statements.add(statement("ReadSigningKeys", List.of("secretsmanager:GetSecretValue"), array(ref(SIGNING_KEYS_PARAMETER))));
    }
    statements.add(statement("UseOwnFiles", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
        array(sub("${Bucket.Arn}/" + module.name() + "/*"))));
    List<JsonNode> allQueues = catalog.queues().keySet().stream().<JsonNode>map(q -> getAtt(queueId(q), "Arn")).toList();
    if (!allQueues.isEmpty()) {
      statements.add(statement("SendToQueues", List.of("sqs:SendMessage"), array(allQueues)));
    }
    List<JsonNode> consumed = catalog.inModule(module.name()).stream()
        .filter(f -> f.trigger() instanceof Trigger.Sqs)
        .<JsonNode>map(f -> getAtt(queueId(((Trigger.Sqs) f.trigger()).queue()), "Arn"))
        .toList();
    if (!consumed.isEmpty()) {
      statements.add(statement("ConsumeOwnQueues",
          List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"), array(consumed)));
    }
    ObjectNode role = resources.add(moduleId(module.name()) + "Role", "AWS::IAM::Role", where);
    role.set("AssumeRolePolicyDocument", trustPolicy("lambda.amazonaws.com"));
    ObjectNode policy = object().put("PolicyName", module.name() + "-functions");
    policy.set("PolicyDocument", policyDocument(statements));
    role.set("Policies", array(policy));
  }

  /** The queue, its dead-letter queue {@code <name>-dlq}, and an alarm on the dead letters. */
  private void queue(QueueSpec queue) {
    String where = "queue '" + queue.name() + "'";
    String dlq = deadLetterId(queue.name());
    resources.add(dlq, "AWS::SQS::Queue", where)
        .put("MessageRetentionPeriod", DEAD_LETTER_RETENTION_SECONDS)
        .put("SqsManagedSseEnabled", true)
        .set("QueueName", sub("${AWS::StackName}-" + queue.deadLetterName()));
    ObjectNode main = resources.add(queueId(queue.name()), "AWS::SQS::Queue", where)
        .put("VisibilityTimeout", queue.visibilityTimeoutSeconds())
        .put("MessageRetentionPeriod", queue.retentionDays() * 24 * 3600)
        .put("SqsManagedSseEnabled", true);
    main.set("QueueName", sub("${AWS::StackName}-" + queue.name()));
    main.putObject("RedrivePolicy").put("maxReceiveCount", maxReceives(queue.name())).set("deadLetterTargetArn", getAtt(dlq, "Arn"));

    ObjectNode alarm = alarm(pascal(queue.name()) + "DeadLetterAlarm", where,
        "Messages of " + queue.name() + " that failed every receive wait in " + queue.deadLetterName());
    ObjectNode stat = metricStat("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", getAtt(dlq, "QueueName"), "Maximum");
    alarm.set("Metrics", array(object().put("Id", "dead_letters").put("ReturnData", true).set("MetricStat", stat)));
  }

  /** The consumer's {@code max_receives}; a queue nobody consumes yet keeps the runtime's default. */
  private int maxReceives(String queue) {
    return catalog.functions().stream()
        .filter(f -> f.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue))
        .map(f -> ((Trigger.Sqs) f.trigger()).maxReceives())
        .findFirst().orElse(5);
  }

  /** The function, SnapStart-published under the alias every trigger targets, and its trigger. */
  private void function(FunctionSpec f) {
    String where = "function '" + f.name() + "'";
    String id = functionId(f.name());
    ObjectNode properties = resources.add(id, "AWS::Serverless::Function", where);
    // sam build leaves the Maven-built artifact as it is.
    resources.attributes(id).putObject("Metadata").put("SkipBuild", true);
    if (!isOnDeploy(f) && !deployHooks.isEmpty()) {
      resources.attributes(id).set("DependsOn", array(deployHooks));
    }
    properties.set("FunctionName", sub("${AWS::StackName}-" + f.name()));
    properties.put("Description", describe(f))
        .put("CodeUri", catalog.modules().get(f.module()).directory() + "/target/" + f.module() + "-aws.jar")
        .put("MemorySize", f.memoryMb())
        .put("Timeout", f.timeoutSeconds());
    properties.set("Role", getAtt(moduleId(f.module()) + "Role", "Arn"));
    properties.putObject("LoggingConfig").put("LogFormat", "Text").set("LogGroup", ref(moduleId(f.module()) + "LogGroup"));
    ModuleSpec module = catalog.modules().get(f.module());
    ObjectNode environment = properties.putObject("Environment").putObject("Variables")
        .put("MAIN_CLASS", module.initializer())
        .put("SPRING_CLOUD_FUNCTION_DEFINITION", f.bean());
    if (module.signsTokens()) {
      environment.set("JWT_SIGNING_KEYS_SECRET_ARN", ref(SIGNING_KEYS_PARAMETER));
    }
    switch (f.trigger()) {
      case Trigger.Sqs sqs -> consumes(properties, f, sqs);
      case Trigger.Schedule schedule -> scheduled(properties, f, schedule);
      case Trigger.Direct direct when direct.onDeploy() -> onDeploy(properties, f);
      default -> {
        // HTTP routes are in the API's body; other direct functions are invoked by hand.
      }
    }
    errorsAlarm(f);
  }

  private static boolean isOnDeploy(FunctionSpec f) {
    return f.trigger() instanceof Trigger.Direct direct && direct.onDeploy();
  }

  private static String describe(FunctionSpec f) {
    String trigger = switch (f.trigger()) {
      case Trigger.Http http -> http.routeKey();
      case Trigger.Sqs sqs -> "consumes " + sqs.queue();
      case Trigger.Schedule schedule -> schedule.expression();
      case Trigger.Direct direct -> direct.onDeploy() ? "runs on every deploy" : "invoked directly";
    };
    return trigger + ": " + f.handler();
  }

  private void consumes(ObjectNode properties, FunctionSpec f, Trigger.Sqs sqs) {
    QueueSpec queue = catalog.queues().get(sqs.queue());
    if (queue.visibilityTimeoutSeconds() < f.timeoutSeconds()) {
      throw new CatalogException("function '" + f.name() + "': queue '" + queue.name() + "' has a visibility_timeout of "
          + queue.visibilityTimeoutSeconds() + " s, less than the function's timeout of " + f.timeoutSeconds()
          + " s; SQS would hand a message to a second consumer while the first still works on it");
    }
    ObjectNode event = properties.putObject("Events").putObject("Queue").put("Type", "SQS").putObject("Properties")
        .put("BatchSize", sqs.batchSize())
        .put("MaximumBatchingWindowInSeconds", sqs.batchingWindowSeconds());
    event.set("Queue", getAtt(queueId(queue.name()), "Arn"));
    event.set("FunctionResponseTypes", array("ReportBatchItemFailures"));
  }

  private void scheduled(ObjectNode properties, FunctionSpec f, Trigger.Schedule schedule) {
    ObjectNode event = properties.putObject("Events").putObject("Schedule").put("Type", "ScheduleV2").putObject("Properties")
        .put("ScheduleExpression", schedule.expression())
        .put("Input", SCHEDULED_EVENT);
    event.set("Name", sub("${AWS::StackName}-" + f.name()));
    event.set("RoleArn", getAtt("SchedulerRole", "Arn"));
  }

  /**
   * CloudFormation invokes the function as a custom resource whenever its published version
   * changes, which it does with every new artifact; the other functions wait for it. Retries are
   * off: the function has answered CloudFormation before it fails.
   */
  private void onDeploy(ObjectNode properties, FunctionSpec f) {
    properties.putObject("EventInvokeConfig").put("MaximumRetryAttempts", 0);
    String id = functionId(f.name());
    ObjectNode hook = resources.add(id + "OnDeploy", "Custom::OnDeploy", "function '" + f.name() + "'");
    resources.attributes(id + "OnDeploy").set("DependsOn", array("DatabaseProxyTargetGroup"));
    hook.set("ServiceToken", ref(id + ".Alias"));
    hook.put("ServiceTimeout", f.timeoutSeconds() + 60);
    hook.set("FunctionVersion", ref(id + ".Version"));
  }

  /**
   * Failed invocations (Lambda's Errors) plus requests the runtime answered with an internal error
   * (its own errors metric): an HTTP function that answers 500 has not failed in Lambda's eyes.
   */
  private void errorsAlarm(FunctionSpec f) {
    ObjectNode alarm = alarm(functionId(f.name()) + "ErrorsAlarm", "function '" + f.name() + "'", f.name() + " failed");
    alarm.set("Metrics", array(
        object().put("Id", "errors").put("Expression", "FILL(failed_invocations, 0) + FILL(internal_errors, 0)")
            .put("Label", f.name() + " errors").put("ReturnData", true),
        object().put("Id", "failed_invocations").put("ReturnData", false)
            .set("MetricStat", metricStat("AWS/Lambda", "Errors", "FunctionName", ref(functionId(f.name())), "Sum")),
        object().put("Id", "internal_errors").put("ReturnData", false)
            .set("MetricStat", metricStat(RUNTIME_METRICS, "errors", "function", Cfn.text(f.name()), "Sum"))));
  }

  private ObjectNode alarm(String id, String owner, String description) {
    ObjectNode alarm = resources.add(id, "AWS::CloudWatch::Alarm", owner)
        .put("AlarmDescription", description)
        .put("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .put("Threshold", 1)
        .put("EvaluationPeriods", 1)
        .put("TreatMissingData", "notBreaching");
    alarm.set("AlarmActions", ifThen("HasAlarmTopic", array(ref("AlarmTopicArn")), noValue()));
    return alarm;
  }

  private static ObjectNode metricStat(String namespace, String metric, String dimension, JsonNode value, String stat) {
    ObjectNode metricNode = object().put("Namespace", namespace).put("MetricName", metric);
    metricNode.set("Dimensions", array(object().put("Name", dimension).set("Value", value)));
    ObjectNode metricStat = object();
    metricStat.set("Metric", metricNode);
    return metricStat.put("Period", ALARM_PERIOD_SECONDS).put("Stat", stat);
  }

  /** The role EventBridge Scheduler invokes the scheduled functions with. */
  private void scheduler() {
    List<JsonNode> aliases = catalog.functions().stream()
        .filter(f -> f.trigger() instanceof Trigger.Schedule)
        .<JsonNode>map(f -> ref(functionId(f.name()) + ".Alias"))
        .toList();
    if (!aliases.isEmpty()) {
      invokeRole("SchedulerRole", "scheduler.amazonaws.com", aliases, "the schedules");
    }
  }
}

package dev.saaskit.deployment;

import static dev.saaskit.deployment.Cfn.array;
import static dev.saaskit.deployment.Cfn.getAtt;
import static dev.saaskit.deployment.Cfn.ifThen;
import static dev.saaskit.deployment.Cfn.noValue;
import static dev.saaskit.deployment.Cfn.object;
import static dev.saaskit.deployment.Cfn.policyDocument;
import static dev.saaskit.deployment.Cfn.ref;
import static dev.saaskit.deployment.Cfn.statement;
import static dev.saaskit.deployment.Cfn.sub;
import static dev.saaskit.deployment.Cfn.trustPolicy;
import static dev.saaskit.deployment.Resources.functionId;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One domain module's nested stack: its functions (each published under the alias every trigger
 * calls), their roles and log group, queue mappings, schedules, alarms and the role API Gateway
 * invokes them with. What every module shares (the API, queues, bucket, database proxy) comes in as
 * parameters from the shared stack.
 *
 * <p>Roles: the module's functions share one, except that the functions signing tokens share
 * another, the only one that reads the private signing keys, and each function run on deploy
 * ({@code migrate}) has its own, the only one that reads the database's secrets.
 */
final class DomainStack {

  private final Catalog catalog;
  private final ModuleSpec module;
  private final List<FunctionSpec> functions;
  private final Resources resources = new Resources();
  private final ObjectNode parameters = object();

  private DomainStack(Catalog catalog, ModuleSpec module) {
    this.catalog = catalog;
    this.module = module;
    this.functions = catalog.inModule(module.name());
  }

  static ObjectNode document(Catalog catalog, ModuleSpec module) {
    return new DomainStack(catalog, module).document();
  }

  /** The parameters the shared stack passes to a module's stack, by name. */
  static List<String> parameterNames(Catalog catalog, ModuleSpec module) {
    List<String> names = new ArrayList<>();
    document(catalog, module).path("Parameters").propertyNames().forEach(names::add);
    return names;
  }

  static boolean signs(List<FunctionSpec> functions) {
    return functions.stream().anyMatch(FunctionSpec::signsTokens);
  }

  static boolean hasOnDeploy(List<FunctionSpec> functions) {
    return functions.stream().anyMatch(Stacks::isOnDeploy);
  }

  private ObjectNode document() {
    parameters();
    ObjectNode template = object()
        .put("AWSTemplateFormatVersion", "2010-09-09")
        .put("Transform", "AWS::Serverless-2016-10-31")
        .put("Description", "saaskit module '" + module.name() + "': its functions, their triggers, roles and alarms (nested in template.yaml)");
    template.set("Parameters", parameters);
    ObjectNode conditions = object();
    ObjectNode noTopic = object();
    noTopic.set("Fn::Equals", array(ref("AlarmTopicArn"), ""));
    conditions.putObject("HasAlarmTopic").set("Fn::Not", array(noTopic));
    template.set("Conditions", conditions);
    template.set("Globals", globals());
    logGroup();
    roles();
    functions.forEach(this::function);
    api();
    schedules();
    template.set("Resources", resources.node());
    if (functions.stream().anyMatch(f -> f.http() != null)) {
      ObjectNode outputs = object();
      outputs.putObject("ApiRoleArn").put("Description", "The role API Gateway invokes this module's functions with")
          .set("Value", getAtt("ApiRole", "Arn"));
      template.set("Outputs", outputs);
    }
    return template;
  }

  private void parameters() {
    parameter("StackName", "The shared stack's name, the prefix of every name");
    parameter("SubnetIds", "The functions' subnets").put("Type", "CommaDelimitedList");
    parameter("FunctionSecurityGroupId", "The functions' security group, which the database proxy lets in");
    parameter("DatabaseProxyEndpoint", "Where the functions reach PostgreSQL");
    parameter("DatabaseProxyResourceId", "The proxy's resource id (prx-...), which IAM database authentication names");
    parameter("DatabaseName", "The database the platform's schema lives in");
    parameter("BucketName", "The bucket of files and exports");
    parameter("BucketArn", "The bucket's ARN");
    for (QueueSpec queue : catalog.queues().values()) {
      parameter(Stacks.queueUrlParameter(queue.name()), "The URL of queue " + queue.name());
      parameter(Stacks.queueArnParameter(queue.name()), "The ARN of queue " + queue.name());
    }
    parameter("JwtJwks", "The public JSON Web Key Set that access tokens are verified with");
    parameter("JwtIssuer", "The iss of access tokens");
    parameter("JwtAudience", "The aud of access tokens");
    if (signs(functions)) {
      parameter(Stacks.SIGNING_KEYS_PARAMETER, "The secret of the private JSON Web Key Set; only the signing functions read it");
    }
    if (hasOnDeploy(functions)) {
      parameter("DatabaseSecretArn", "The secret of the database's owner, which migrate logs in with");
      parameter("DatabaseLoginSecretArns", "The secrets of the modules' database users, which migrate creates and keeps in step")
          .put("Type", "CommaDelimitedList");
    }
    if (functions.stream().anyMatch(f -> f.trigger() instanceof Trigger.Schedule)) {
      parameter("ScheduleDeadLetterQueueArn", "Where schedule runs go that failed every retry");
    }
    if (receivesLogs(functions)) {
      parameter(Stacks.USAGE_DEAD_LETTER_PARAMETER, "Where log batches go that the logs function failed every retry");
    }
    for (ModuleSpec.Setting setting : module.parameters()) {
      parameter(Stacks.parameterName(setting.parameter()), setting.description());
    }
    if (module.sendsEmail()) {
      parameter(Stacks.EMAIL_IDENTITY_PARAMETER, "The SES identity (a domain or an address) the module sends email from");
      parameter(Stacks.EMAIL_CONFIGURATION_SET_PARAMETER, "The module's SES configuration set, which reports bounces and complaints");
    }
    parameter("LogRetentionDays", "How long function logs are kept").put("Type", "Number");
    parameter("AlarmTopicArn", "SNS topic the alarms notify; empty: none");
  }

  private ObjectNode parameter(String name, String description) {
    return parameters.putObject(name).put("Type", "String").put("Description", description);
  }

  private ObjectNode globals() {
    ObjectNode function = object()
        .put("Runtime", "java21")
        .put("Handler", SamTemplate.HANDLER)
        .put("AutoPublishAlias", Stacks.ALIAS)
        // SAM keeps every published version by default; each counts against the region's 75 GB of
        // code. The alias has moved on before CloudFormation deletes the version it replaced.
        .put("VersionDeletionPolicy", "Delete");
    function.set("Architectures", array("arm64"));
    function.putObject("SnapStart").put("ApplyOn", "PublishedVersions");
    ObjectNode vpc = function.putObject("VpcConfig");
    vpc.set("SubnetIds", ref("SubnetIds"));
    vpc.set("SecurityGroupIds", array(ref("FunctionSecurityGroupId")));
    ObjectNode env = function.putObject("Environment").putObject("Variables");
    env.put("JAVA_TOOL_OPTIONS", SamTemplate.JAVA_TOOL_OPTIONS);
    env.set("DATABASE_URL", sub("jdbc:postgresql://${DatabaseProxyEndpoint}:5432/${DatabaseName}?" + SamTemplate.DATABASE_TLS));
    env.put("DATABASE_USER", Stacks.databaseUser(module.name()));
    env.put("DATABASE_IAM_AUTH", "true");
    env.set("JWT_JWKS", ref("JwtJwks"));
    env.set("JWT_ISSUER", ref("JwtIssuer"));
    env.set("JWT_AUDIENCE", ref("JwtAudience"));
    env.set("STORAGE_BUCKET", ref("BucketName"));
    for (QueueSpec queue : catalog.queues().values()) {
      env.set(Stacks.queueUrlVariable(queue.name()), ref(Stacks.queueUrlParameter(queue.name())));
    }
    module.settings().forEach((variable, setting) -> {
      if (setting.isParameter()) {
        env.set(variable, ref(Stacks.parameterName(setting.parameter())));
      } else {
        env.put(variable, setting.value());
      }
    });
    if (module.sendsEmail()) {
      env.set(Stacks.EMAIL_CONFIGURATION_SET_VARIABLE, ref(Stacks.EMAIL_CONFIGURATION_SET_PARAMETER));
    }
    ObjectNode globals = object();
    globals.set("Function", function);
    return globals;
  }

  private void logGroup() {
    resources.add("LogGroup", "AWS::Logs::LogGroup", "module '" + module.name() + "'")
        .set("LogGroupName", sub(Stacks.logGroupName(module.name(), "StackName")))
        .set("RetentionInDays", ref("LogRetentionDays"));
  }

  /** The role a function runs with: its own for an on-deploy function, the signing role, or the module's. */
  static String roleOf(FunctionSpec f) {
    if (Stacks.isOnDeploy(f)) {
      return functionId(f.name()) + "Role";
    }
    return f.signsTokens() ? "SigningRole" : "FunctionsRole";
  }

  private void roles() {
    List<FunctionSpec> ordinary = functions.stream().filter(f -> !Stacks.isOnDeploy(f) && !f.signsTokens()).toList();
    List<FunctionSpec> signing = functions.stream().filter(f -> !Stacks.isOnDeploy(f) && f.signsTokens()).toList();
    if (!ordinary.isEmpty()) {
      lambdaRole("FunctionsRole", "functions", functionStatements(ordinary, false));
    }
    if (!signing.isEmpty()) {
      lambdaRole("SigningRole", "signing-functions", functionStatements(signing, true));
    }
    for (FunctionSpec f : functions) {
      if (Stacks.isOnDeploy(f)) {
        ArrayNode statements = baseStatements();
        statements.add(statement("ReadDatabaseSecrets", List.of("secretsmanager:GetSecretValue"), databaseSecrets()));
        lambdaRole(roleOf(f), f.name(), statements);
      }
    }
  }

  /** The owner's secret and the modules' users' secrets, for migrate. */
  private static JsonNode databaseSecrets() {
    ObjectNode all = object();
    all.set("Fn::Split", array(",", object().set("Fn::Join", array(",", array(
        ref("DatabaseSecretArn"), object().set("Fn::Join", array(",", ref("DatabaseLoginSecretArns"))))))));
    return all;
  }

  private ArrayNode baseStatements() {
    return array(
        statement("WriteLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), array(getAtt("LogGroup", "Arn"))),
        statement("AttachToVpc", List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"), array("*")));
  }

  /**
   * What the module's functions use: their log group, the VPC's network interfaces, logging in to the
   * proxy as the module's database user, the signing keys for those that sign, their own bucket
   * prefix, sending to every queue (the outbox may publish anywhere) and consuming the queues these
   * functions consume.
   */
  private ArrayNode functionStatements(List<FunctionSpec> these, boolean signing) {
    ArrayNode statements = baseStatements();
    statements.add(statement("ConnectToDatabase", List.of("rds-db:connect"), array(sub(
        "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${DatabaseProxyResourceId}/" + Stacks.databaseUser(module.name())))));
    if (signing) {
      statements.add(statement("ReadSigningKeys", List.of("secretsmanager:GetSecretValue"), array(ref(Stacks.SIGNING_KEYS_PARAMETER))));
    }
    statements.add(statement("UseOwnFiles", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
        array(sub("${BucketArn}/" + module.name() + "/*"))));
    statements.addAll(moduleStatements(module));
    List<JsonNode> allQueues = catalog.queues().keySet().stream().<JsonNode>map(q -> ref(Stacks.queueArnParameter(q))).toList();
    if (!allQueues.isEmpty()) {
      statements.add(statement("SendToQueues", List.of("sqs:SendMessage"), array(allQueues)));
    }
    List<JsonNode> consumed = these.stream()
        .filter(f -> f.trigger() instanceof Trigger.Sqs)
        .<JsonNode>map(f -> ref(Stacks.queueArnParameter(((Trigger.Sqs) f.trigger()).queue())))
        .toList();
    if (!consumed.isEmpty()) {
      statements.add(statement("ConsumeOwnQueues",
          List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"), array(consumed)));
    }
    if (receivesLogs(these)) {
      // Lambda sends a log batch that failed every retry to the on-failure queue with the function's role.
      statements.add(statement("KeepFailedLogBatches", List.of("sqs:SendMessage"), array(ref(Stacks.USAGE_DEAD_LETTER_PARAMETER))));
    }
    return statements;
  }

  /**
   * What the module's settings say its functions use: the secrets its settings name; sending email
   * through SES (SESv2's SendEmail is authorized on the sending identity and the configuration set);
   * text messages through SNS. An SMS goes to a phone number, not a topic: SNS has no resource type
   * and no condition key for it, so the statement names "*" (which would let the role publish to
   * the account's topics too: the module's functions never do).
   */
  static List<ObjectNode> moduleStatements(ModuleSpec module) {
    List<ObjectNode> statements = new ArrayList<>();
    if (!module.secrets().isEmpty()) {
      statements.add(statement("ReadModuleSecrets", List.of("secretsmanager:GetSecretValue"),
          array(module.secrets().stream().<JsonNode>map(s -> ref(Stacks.parameterName(s.parameter()))).toList())));
    }
    if (module.sendsEmail()) {
      statements.add(statement("SendEmail", List.of("ses:SendEmail"), array(
          sub("arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${" + Stacks.EMAIL_IDENTITY_PARAMETER + "}"),
          sub("arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${" + Stacks.EMAIL_CONFIGURATION_SET_PARAMETER + "}"))));
    }
    if (module.sendsSms()) {
      statements.add(statement("SendSms", List.of("sns:Publish"), array("*")));
    }
    return statements;
  }

  private void lambdaRole(String id, String policyName, ArrayNode statements) {
    role(id, "lambda.amazonaws.com", policyName, statements, "module '" + module.name() + "'");
  }

  private void role(String id, String service, String policyName, ArrayNode statements, String owner) {
    ObjectNode role = resources.add(id, "AWS::IAM::Role", owner);
    role.set("AssumeRolePolicyDocument", trustPolicy(service));
    ObjectNode policy = object().put("PolicyName", policyName);
    policy.set("PolicyDocument", policyDocument(statements));
    role.set("Policies", array(policy));
  }

  /** The alias ARN a trigger calls, written out so policies and the shared stack need no outputs. */
  static ObjectNode aliasArn(String name, String stackNameVariable) {
    return sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${" + stackNameVariable + "}-" + name + ":" + Stacks.ALIAS);
  }

  private void function(FunctionSpec f) {
    String where = "function '" + f.name() + "'";
    String id = functionId(f.name());
    ObjectNode properties = resources.add(id, "AWS::Serverless::Function", where);
    // sam build leaves the Maven-built artifact as it is.
    resources.attributes(id).putObject("Metadata").put("SkipBuild", true);
    List<String> hooks = functions.stream().filter(Stacks::isOnDeploy).map(h -> functionId(h.name()) + "OnDeploy").toList();
    if (!Stacks.isOnDeploy(f) && !hooks.isEmpty()) {
      resources.attributes(id).set("DependsOn", array(hooks));
    }
    properties.set("FunctionName", sub("${StackName}-" + f.name()));
    properties.put("Description", describe(f))
        .put("CodeUri", "../" + module.directory() + "/target/" + module.name() + "-aws.jar")
        .put("MemorySize", f.memoryMb())
        .put("Timeout", f.timeoutSeconds());
    if (f.reservedConcurrency() != null) {
      properties.put("ReservedConcurrentExecutions", f.reservedConcurrency());
    }
    properties.set("Role", getAtt(roleOf(f), "Arn"));
    properties.putObject("LoggingConfig").put("LogFormat", "Text").set("LogGroup", ref("LogGroup"));
    ObjectNode environment = properties.putObject("Environment").putObject("Variables")
        .put("MAIN_CLASS", module.initializer())
        .put("SPRING_CLOUD_FUNCTION_DEFINITION", f.bean());
    if (f.signsTokens()) {
      environment.set("JWT_SIGNING_KEYS_SECRET_ARN", ref(Stacks.SIGNING_KEYS_PARAMETER));
    }
    switch (f.trigger()) {
      case Trigger.Sqs sqs -> consumes(properties, sqs);
      case Trigger.Schedule schedule -> scheduled(properties, f, schedule);
      case Trigger.Direct direct when direct.onDeploy() -> onDeploy(properties, environment, f);
      case Trigger.Logs logs -> receivesLogs(properties, f);
      default -> {
        // HTTP routes are in the shared stack's API; other direct functions are invoked by hand.
      }
    }
    alarm(f);
  }

  private static String describe(FunctionSpec f) {
    String trigger = switch (f.trigger()) {
      case Trigger.Http http -> http.routeKey();
      case Trigger.Sqs sqs -> "consumes " + sqs.queue();
      case Trigger.Schedule schedule -> schedule.expression();
      case Trigger.Direct direct -> direct.onDeploy() ? "runs on every deploy" : "invoked directly";
      case Trigger.Logs logs -> "receives the invocation records of every module's log group";
    };
    return trigger + ": " + f.handler();
  }

  private void consumes(ObjectNode properties, Trigger.Sqs sqs) {
    ObjectNode event = properties.putObject("Events").putObject("Queue").put("Type", "SQS").putObject("Properties")
        .put("BatchSize", sqs.batchSize())
        .put("MaximumBatchingWindowInSeconds", sqs.batchingWindowSeconds());
    event.set("Queue", ref(Stacks.queueArnParameter(sqs.queue())));
    event.set("FunctionResponseTypes", array("ReportBatchItemFailures"));
    event.putObject("ScalingConfig").put("MaximumConcurrency", sqs.maxConcurrency());
  }

  private void scheduled(ObjectNode properties, FunctionSpec f, Trigger.Schedule schedule) {
    ObjectNode event = properties.putObject("Events").putObject("Schedule").put("Type", "ScheduleV2").putObject("Properties")
        .put("ScheduleExpression", schedule.expression())
        .put("Input", Stacks.SCHEDULED_EVENT);
    event.set("Name", sub("${StackName}-" + f.name()));
    event.set("GroupName", ref("ScheduleGroup"));
    event.set("RoleArn", getAtt("SchedulerRole", "Arn"));
    event.putObject("RetryPolicy").put("MaximumRetryAttempts", Stacks.SCHEDULE_RETRIES)
        .put("MaximumEventAgeInSeconds", Stacks.SCHEDULE_RETRY_SECONDS);
    event.putObject("DeadLetterConfig").set("Arn", ref("ScheduleDeadLetterQueueArn"));
  }

  /**
   * CloudWatch Logs invokes the function asynchronously with each batch of the subscription filters
   * (in the shared stack) on every module's log group: Lambda retries a failed batch, then keeps it
   * in the on-failure queue, so none is lost unseen. CloudWatch Logs may invoke the alias for the
   * platform's log groups only.
   */
  private void receivesLogs(ObjectNode properties, FunctionSpec f) {
    ObjectNode invoke = properties.putObject("EventInvokeConfig")
        .put("MaximumRetryAttempts", Stacks.LOGS_RETRIES)
        .put("MaximumEventAgeInSeconds", Stacks.LOGS_EVENT_AGE_SECONDS);
    invoke.putObject("DestinationConfig").putObject("OnFailure").put("Type", "SQS").set("Destination", ref(Stacks.USAGE_DEAD_LETTER_PARAMETER));
    ObjectNode permission = resources.add(functionId(f.name()) + "LogsPermission", "AWS::Lambda::Permission", "function '" + f.name() + "'")
        .put("Action", "lambda:InvokeFunction")
        .put("Principal", "logs.amazonaws.com");
    permission.set("FunctionName", ref(functionId(f.name()) + ".Alias"));
    permission.set("SourceAccount", ref("AWS::AccountId"));
    permission.set("SourceArn", sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
        + Stacks.logGroupName("*", "StackName")));
  }

  static boolean receivesLogs(List<FunctionSpec> functions) {
    return functions.stream().anyMatch(f -> f.trigger() instanceof Trigger.Logs);
  }

  /**
   * CloudFormation invokes the function as a custom resource whenever its published version
   * changes, which it does with every new artifact; the module's other functions wait for it, and
   * the other modules' stacks wait for this one. Retries are off: the function has answered
   * CloudFormation before it fails. It logs in as the database's owner with the owner's secret,
   * not as the module's user.
   */
  private void onDeploy(ObjectNode properties, ObjectNode environment, FunctionSpec f) {
    properties.putObject("EventInvokeConfig").put("MaximumRetryAttempts", 0);
    environment.put("DATABASE_IAM_AUTH", "false").put("DATABASE_USER", "");
    environment.set("DATABASE_SECRET_ARN", ref("DatabaseSecretArn"));
    environment.set("DATABASE_LOGIN_SECRET_ARNS", object().set("Fn::Join", array(",", ref("DatabaseLoginSecretArns"))));
    String id = functionId(f.name());
    ObjectNode hook = resources.add(id + "OnDeploy", "Custom::OnDeploy", "function '" + f.name() + "'");
    hook.set("ServiceToken", ref(id + ".Alias"));
    hook.put("ServiceTimeout", f.timeoutSeconds() + 60);
    hook.set("FunctionVersion", ref(id + ".Version"));
  }

  /**
   * One alarm per function, on what needs a look: failed invocations (Lambda's Errors), requests
   * the runtime answered with an internal error (an HTTP function that answers 500 has not failed in
   * Lambda's eyes), throttled invocations, and a run that came within 10% of its timeout.
   */
  private void alarm(FunctionSpec f) {
    ObjectNode alarm = alarm(functionId(f.name()) + "Alarm", "function '" + f.name() + "'",
        f.name() + " failed, was throttled or came near its timeout of " + f.timeoutSeconds() + " s");
    long nearTimeoutMs = Math.round(f.timeoutSeconds() * 1000 * Stacks.NEAR_TIMEOUT);
    alarm.set("Metrics", array(
        object().put("Id", "problems")
            .put("Expression", "FILL(failed, 0) + FILL(internal_errors, 0) + FILL(throttles, 0) + IF(FILL(longest, 0) > " + nearTimeoutMs + ", 1, 0)")
            .put("Label", f.name() + " problems").put("ReturnData", true),
        metric("failed", metricStat("AWS/Lambda", "Errors", "FunctionName", sub("${StackName}-" + f.name()), "Sum")),
        metric("internal_errors", metricStat(Stacks.RUNTIME_METRICS, "errors", "function", Cfn.text(f.name()), "Sum")),
        metric("throttles", metricStat("AWS/Lambda", "Throttles", "FunctionName", sub("${StackName}-" + f.name()), "Sum")),
        metric("longest", metricStat("AWS/Lambda", "Duration", "FunctionName", sub("${StackName}-" + f.name()), "Maximum"))));
  }

  private static ObjectNode metric(String id, ObjectNode stat) {
    ObjectNode metric = object().put("Id", id).put("ReturnData", false);
    metric.set("MetricStat", stat);
    return metric;
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

  static ObjectNode metricStat(String namespace, String metric, String dimension, JsonNode value, String stat) {
    ObjectNode metricNode = object().put("Namespace", namespace).put("MetricName", metric);
    metricNode.set("Dimensions", array(object().put("Name", dimension).set("Value", value)));
    ObjectNode metricStat = object();
    metricStat.set("Metric", metricNode);
    return metricStat.put("Period", Stacks.ALARM_PERIOD_SECONDS).put("Stat", stat);
  }

  /** The role API Gateway invokes this module's HTTP functions with: exactly their aliases. */
  private void api() {
    List<JsonNode> aliases = functions.stream().filter(f -> f.http() != null).<JsonNode>map(f -> aliasArn(f.name(), "StackName")).toList();
    if (!aliases.isEmpty()) {
      role("ApiRole", "apigateway.amazonaws.com", "invoke-functions",
          array(statement("InvokeFunctions", List.of("lambda:InvokeFunction"), array(aliases))), "the API");
    }
  }

  /**
   * The module's schedules run in a group of their own, so their failures show in one metric; the
   * scheduler's role invokes exactly their aliases and sends failed runs to the dead-letter queue.
   */
  private void schedules() {
    List<FunctionSpec> scheduled = functions.stream().filter(f -> f.trigger() instanceof Trigger.Schedule).toList();
    if (scheduled.isEmpty()) {
      return;
    }
    resources.add("ScheduleGroup", "AWS::Scheduler::ScheduleGroup", "the schedules").set("Name", sub("${StackName}-" + module.name()));
    List<JsonNode> aliases = scheduled.stream().<JsonNode>map(f -> aliasArn(f.name(), "StackName")).toList();
    role("SchedulerRole", "scheduler.amazonaws.com", "invoke-functions", array(
        statement("InvokeFunctions", List.of("lambda:InvokeFunction"), array(aliases)),
        statement("SendFailedRuns", List.of("sqs:SendMessage"), array(ref("ScheduleDeadLetterQueueArn")))), "the schedules");
    ObjectNode alarm = alarm("SchedulesFailedAlarm", "the schedules",
        "Runs of " + module.name() + "'s schedules that failed every retry (in the schedules' dead-letter queue) or were dropped");
    alarm.set("Metrics", array(
        object().put("Id", "failed").put("Expression", "FILL(dead_letters, 0) + FILL(dropped, 0)").put("Label", "failed schedule runs")
            .put("ReturnData", true),
        metric("dead_letters", metricStat("AWS/Scheduler", "InvocationsSentToDeadLetterCount", "ScheduleGroup", ref("ScheduleGroup"), "Sum")),
        metric("dropped", metricStat("AWS/Scheduler", "InvocationDroppedCount", "ScheduleGroup", ref("ScheduleGroup"), "Sum"))));
  }
}

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

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Generates the SAM template ({@code template.yaml} at the repository root) from the route catalog:
 * one Lambda function per catalog entry, its HTTP route, queue or schedule, and what they all share
 * (the HTTP API, one IAM role and log group per domain module, the bucket, the database proxy).
 * {@code SamTemplateTest} fails when the checked-in template differs from what this writes.
 *
 * <p>Per function the stack holds only what cannot be shared: the function, the version and alias
 * SAM publishes for SnapStart, an errors alarm, and its queue mapping or schedule. HTTP routes live
 * in the API's OpenAPI body and API Gateway invokes through one role, so a route costs no resource.
 */
public final class SamTemplate {

  static final String CATALOG = "functions/catalog.yaml";
  static final String TEMPLATE = "template.yaml";
  static final String REGENERATE = "./mvnw -q -pl deployment -am process-classes -Pwrite-template";

  static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
  static final String ALIAS = "live";
  /** C1 only and the serial collector: a function's JVM lives short and starts often. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  /** EventBridge's "Scheduled Event", which the runtime's schedule binding reads; Scheduler fills in the placeholders. */
  static final String SCHEDULED_EVENT = "{\"version\":\"0\",\"id\":\"<aws.scheduler.execution-id>\",\"detail-type\":\"Scheduled Event\","
      + "\"source\":\"aws.scheduler\",\"time\":\"<aws.scheduler.scheduled-time>\",\"resources\":[\"<aws.scheduler.schedule-arn>\"],\"detail\":{}}";
  static final int EXPORTS_EXPIRE_DAYS = 7;
  static final int OLD_FILE_VERSIONS_EXPIRE_DAYS = 30;
  static final int DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
  static final int ALARM_PERIOD_SECONDS = 300;
  /** The namespace and dimension of the errors metric the runtime's invocation log line carries. */
  static final String RUNTIME_METRICS = "SaasKit";

  private static final String HEADER = """
      # Generated from functions/catalog.yaml by dev.saaskit.deployment.SamTemplate. Do not edit:
      # change the catalog and run  %s
      """.formatted(REGENERATE);

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new QuoteDates()).build())
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  /** Quotes date-like strings too ("2012-10-17"), which a YAML 1.1 reader would take for dates. */
  private static final class QuoteDates extends StringQuotingChecker.Default {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || DATE.matcher(value).matches();
    }
  }

  private final Catalog catalog;
  private final ObjectNode resources = object();
  /** Which catalog entry each logical id was made for: two names may collapse into one id. */
  private final Map<String, String> owners = new HashMap<>();

  private SamTemplate(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Writes {@code template.yaml} under the repository root given as the argument (default: here). */
  public static void main(String[] args) {
    System.exit(write(Path.of(args.length > 0 ? args[0] : "."), System.err));
  }

  /** Reads the catalog under {@code root} and writes {@code root/template.yaml}; returns the exit status. */
  static int write(Path root, PrintStream err) {
    try {
      byte[] catalog = Files.readAllBytes(root.resolve(CATALOG));
      Files.writeString(root.resolve(TEMPLATE), render(CatalogLoader.parse(catalog, CATALOG)));
      return 0;
    } catch (CatalogException e) {
      err.println(TEMPLATE + " not written: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(TEMPLATE + " not written: " + e);
      return 1;
    }
  }

  /** The template for a catalog; throws {@link CatalogException} naming the entry it cannot deploy. */
  static String render(Catalog catalog) {
    return HEADER + YAML.writeValueAsString(new SamTemplate(catalog).document());
  }

  private ObjectNode document() {
    ObjectNode template = object()
        .put("AWSTemplateFormatVersion", "2010-09-09")
        .put("Transform", "AWS::Serverless-2016-10-31")
        .put("Description", "saaskit: the functions, routes, queues and schedules of functions/catalog.yaml");
    template.set("Parameters", parameters());
    template.set("Conditions", conditions());
    template.set("Globals", globals());
    api();
    catalog.modules().values().forEach(this::module);
    catalog.queues().values().forEach(this::queue);
    catalog.functions().forEach(this::function);
    scheduler();
    bucket();
    database();
    template.set("Resources", resources);
    template.set("Outputs", outputs());
    return template;
  }

  // --- Parameters and what every function shares ---

  private ObjectNode parameters() {
    ObjectNode p = object();
    parameter(p, "VpcId", "AWS::EC2::VPC::Id", "The VPC of the database");
    parameter(p, "SubnetIds", "List<AWS::EC2::Subnet::Id>",
        "Private subnets in at least two availability zones for the functions and the proxy; they need a route to SQS,"
            + " Secrets Manager and S3 (NAT gateway or VPC endpoints)");
    parameter(p, "DatabaseSecurityGroupId", "AWS::EC2::SecurityGroup::Id",
        "The database's security group; the stack lets the proxy in on port 5432");
    parameter(p, "DatabaseIdentifier", "String", "The RDS DB instance or Aurora DB cluster identifier of an existing PostgreSQL database")
        .put("AllowedPattern", "[a-zA-Z][a-zA-Z0-9-]{0,62}");
    parameter(p, "DatabaseKind", "String", "Whether DatabaseIdentifier names an instance or a cluster")
        .put("Default", "instance").set("AllowedValues", array("instance", "cluster"));
    parameter(p, "DatabaseName", "String", "The database the platform's schema lives in").put("Default", "saaskit");
    parameter(p, "DatabaseSecretArn", "String",
        "Secrets Manager secret holding the database's {\"username\": ..., \"password\": ...}; the proxy and the functions read it")
        .put("AllowedPattern", "arn:aws[a-z-]*:secretsmanager:.+");
    parameter(p, "DatabaseUser", "String", "The user the functions connect as; empty: the secret's username").put("Default", "");
    parameter(p, "JwtJwks", "String", "The public JSON Web Key Set that access tokens are verified with ({\"keys\": [...]})")
        .put("AllowedPattern", "\\{.*\\}")
        .put("ConstraintDescription", "must be a JSON Web Key Set: {\"keys\": [...]}");
    parameter(p, "JwtIssuer", "String", "The iss of access tokens").put("Default", "saaskit");
    parameter(p, "JwtAudience", "String", "The aud of access tokens").put("Default", "saaskit-api");
    parameter(p, "AllowedOrigins", "CommaDelimitedList", "Browser origins allowed to call the API and to upload files").put("Default", "*");
    parameter(p, "LogRetentionDays", "Number", "How long function logs are kept").put("Default", "30")
        .set("AllowedValues", array("1", "3", "5", "7", "14", "30", "60", "90", "180", "365", "731", "1827", "3653"));
    parameter(p, "AlarmTopicArn", "String", "SNS topic the alarms notify; empty: alarms only show in CloudWatch").put("Default", "")
        .put("AllowedPattern", "(arn:aws[a-z-]*:sns:.+)?");
    return p;
  }

  private static ObjectNode parameter(ObjectNode parameters, String name, String type, String description) {
    return parameters.putObject(name).put("Type", type).put("Description", description);
  }

  private static ObjectNode conditions() {
    ObjectNode c = object();
    c.putObject("DatabaseIsCluster").set("Fn::Equals", array(ref("DatabaseKind"), "cluster"));
    ObjectNode noTopic = object();
    noTopic.set("Fn::Equals", array(ref("AlarmTopicArn"), ""));
    c.putObject("HasAlarmTopic").set("Fn::Not", array(noTopic));
    return c;
  }

  private ObjectNode globals() {
    ObjectNode function = object()
        .put("Runtime", "java21")
        .put("Handler", HANDLER)
        .put("AutoPublishAlias", ALIAS);
    function.set("Architectures", array("arm64"));
    function.putObject("SnapStart").put("ApplyOn", "PublishedVersions");
    ObjectNode vpc = function.putObject("VpcConfig");
    vpc.set("SubnetIds", ref("SubnetIds"));
    vpc.set("SecurityGroupIds", array(getAtt("FunctionSecurityGroup", "GroupId")));
    ObjectNode env = function.putObject("Environment").putObject("Variables");
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    env.set("DATABASE_URL", sub("jdbc:postgresql://${DatabaseProxy.Endpoint}:5432/${DatabaseName}?sslmode=require"));
    env.set("DATABASE_USER", ref("DatabaseUser"));
    env.set("DATABASE_SECRET_ARN", ref("DatabaseSecretArn"));
    env.set("JWT_JWKS", ref("JwtJwks"));
    env.set("JWT_ISSUER", ref("JwtIssuer"));
    env.set("JWT_AUDIENCE", ref("JwtAudience"));
    env.set("STORAGE_BUCKET", ref("Bucket"));
    for (QueueSpec queue : catalog.queues().values()) {
      env.set("QUEUE_URL_" + queue.name().toUpperCase(Locale.ROOT).replace('-', '_'), ref(queueId(queue.name())));
    }
    ObjectNode globals = object();
    globals.set("Function", function);
    return globals;
  }

  // --- The HTTP API ---

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
    resource("Api", "AWS::Serverless::HttpApi", "the HTTP API").set("DefinitionBody", body);
    invokeRole("ApiRole", "apigateway.amazonaws.com", aliases, "the HTTP API");
  }

  /** A role that {@code service} assumes to invoke the given function aliases, and nothing else. */
  private void invokeRole(String id, String service, List<JsonNode> aliases, String owner) {
    ObjectNode role = resource(id, "AWS::IAM::Role", owner);
    role.set("AssumeRolePolicyDocument", trustPolicy(service));
    ObjectNode policy = object().put("PolicyName", "invoke-functions");
    policy.set("PolicyDocument", policyDocument(array(statement("InvokeFunctions", List.of("lambda:InvokeFunction"), array(aliases)))));
    role.set("Policies", array(policy));
  }

  // --- Per domain module: the role its functions share, their log group ---

  private void module(ModuleSpec module) {
    String where = "module '" + module.name() + "'";
    String logGroup = moduleId(module.name()) + "LogGroup";
    resource(logGroup, "AWS::Logs::LogGroup", where)
        .set("LogGroupName", sub("/aws/lambda/${AWS::StackName}/" + module.name()))
        .set("RetentionInDays", ref("LogRetentionDays"));

    ArrayNode statements = array(
        statement("WriteLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), array(getAtt(logGroup, "Arn"))),
        statement("AttachToVpc", List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"), array("*")),
        statement("ReadDatabaseSecret", List.of("secretsmanager:GetSecretValue"), array(ref("DatabaseSecretArn"))),
        statement("UseOwnFiles", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
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
    ObjectNode role = resource(moduleId(module.name()) + "Role", "AWS::IAM::Role", where);
    role.set("AssumeRolePolicyDocument", trustPolicy("lambda.amazonaws.com"));
    ObjectNode policy = object().put("PolicyName", module.name() + "-functions");
    policy.set("PolicyDocument", policyDocument(statements));
    role.set("Policies", array(policy));
  }

  // --- Queues ---

  private void queue(QueueSpec queue) {
    String where = "queue '" + queue.name() + "'";
    String dlq = deadLetterId(queue.name());
    resource(dlq, "AWS::SQS::Queue", where)
        .put("MessageRetentionPeriod", DEAD_LETTER_RETENTION_SECONDS)
        .put("SqsManagedSseEnabled", true)
        .set("QueueName", sub("${AWS::StackName}-" + queue.deadLetterName()));
    ObjectNode main = resource(queueId(queue.name()), "AWS::SQS::Queue", where)
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

  // --- Functions ---

  private void function(FunctionSpec f) {
    String where = "function '" + f.name() + "'";
    String id = functionId(f.name());
    ObjectNode properties = resource(id, "AWS::Serverless::Function", where);
    // sam build leaves the Maven-built artifact as it is.
    attributes(id).putObject("Metadata").put("SkipBuild", true);
    List<String> deployHooks = catalog.functions().stream().filter(SamTemplate::isOnDeploy).map(g -> functionId(g.name()) + "OnDeploy").toList();
    if (!isOnDeploy(f) && !deployHooks.isEmpty()) {
      attributes(id).set("DependsOn", array(deployHooks));
    }
    properties.set("FunctionName", sub("${AWS::StackName}-" + f.name()));
    properties.put("Description", describe(f))
        .put("CodeUri", catalog.modules().get(f.module()).directory() + "/target/" + f.module() + "-aws.jar")
        .put("MemorySize", f.memoryMb())
        .put("Timeout", f.timeoutSeconds());
    properties.set("Role", getAtt(moduleId(f.module()) + "Role", "Arn"));
    properties.putObject("LoggingConfig").put("LogFormat", "Text").set("LogGroup", ref(moduleId(f.module()) + "LogGroup"));
    properties.putObject("Environment").putObject("Variables")
        .put("MAIN_CLASS", catalog.modules().get(f.module()).initializer())
        .put("SPRING_CLOUD_FUNCTION_DEFINITION", f.bean());
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
    ObjectNode hook = resource(id + "OnDeploy", "Custom::OnDeploy", "function '" + f.name() + "'");
    attributes(id + "OnDeploy").set("DependsOn", array("DatabaseProxyTargetGroup"));
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
    ObjectNode alarm = resource(id, "AWS::CloudWatch::Alarm", owner)
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

  // --- Schedules, files, database ---

  private void scheduler() {
    List<JsonNode> aliases = catalog.functions().stream()
        .filter(f -> f.trigger() instanceof Trigger.Schedule)
        .<JsonNode>map(f -> ref(functionId(f.name()) + ".Alias"))
        .toList();
    if (!aliases.isEmpty()) {
      invokeRole("SchedulerRole", "scheduler.amazonaws.com", aliases, "the schedules");
    }
  }

  /** Private, encrypted, versioned; each module owns the prefix {@code <module>/}, its exports expire. */
  private void bucket() {
    ObjectNode bucket = resource("Bucket", "AWS::S3::Bucket", "the bucket");
    // The files are the tenants' data: deleting the stack must not delete them.
    attributes("Bucket").put("DeletionPolicy", "Retain").put("UpdateReplacePolicy", "Retain");
    bucket.putObject("BucketEncryption").set("ServerSideEncryptionConfiguration",
        array(object().set("ServerSideEncryptionByDefault", object().put("SSEAlgorithm", "AES256"))));
    bucket.putObject("PublicAccessBlockConfiguration")
        .put("BlockPublicAcls", true).put("BlockPublicPolicy", true).put("IgnorePublicAcls", true).put("RestrictPublicBuckets", true);
    bucket.putObject("OwnershipControls").set("Rules", array(object().put("ObjectOwnership", "BucketOwnerEnforced")));
    bucket.putObject("VersioningConfiguration").put("Status", "Enabled");
    ObjectNode cors = object().put("MaxAge", 3000);
    cors.set("AllowedMethods", array("GET", "PUT", "HEAD"));
    cors.set("AllowedOrigins", ref("AllowedOrigins"));
    cors.set("AllowedHeaders", array("*"));
    cors.set("ExposedHeaders", array("ETag"));
    bucket.putObject("CorsConfiguration").set("CorsRules", array(cors));
    ArrayNode rules = array();
    for (String module : catalog.modules().keySet()) {
      rules.add(object().put("Id", module + "-exports").put("Status", "Enabled")
          .put("Prefix", module + "/exports/").put("ExpirationInDays", EXPORTS_EXPIRE_DAYS));
    }
    ObjectNode versions = object().put("Id", "old-versions").put("Status", "Enabled");
    versions.putObject("NoncurrentVersionExpiration").put("NoncurrentDays", OLD_FILE_VERSIONS_EXPIRE_DAYS);
    versions.putObject("AbortIncompleteMultipartUpload").put("DaysAfterInitiation", 1);
    rules.add(versions);
    bucket.putObject("LifecycleConfiguration").set("Rules", rules);

    ObjectNode denyPlainHttp = object().put("Sid", "TlsOnly").put("Effect", "Deny").put("Principal", "*").put("Action", "s3:*");
    denyPlainHttp.set("Resource", array(getAtt("Bucket", "Arn"), sub("${Bucket.Arn}/*")));
    denyPlainHttp.putObject("Condition").putObject("Bool").put("aws:SecureTransport", false);
    ObjectNode policy = resource("BucketPolicy", "AWS::S3::BucketPolicy", "the bucket");
    policy.set("Bucket", ref("Bucket"));
    policy.set("PolicyDocument", policyDocument(array(denyPlainHttp)));
  }

  /** RDS Proxy in front of the existing database, reached by the functions' security group only. */
  private void database() {
    String where = "the database proxy";
    resource("FunctionSecurityGroup", "AWS::EC2::SecurityGroup", where)
        .put("GroupDescription", "saaskit functions")
        .set("VpcId", ref("VpcId"));
    ObjectNode proxyGroup = resource("DatabaseProxySecurityGroup", "AWS::EC2::SecurityGroup", where)
        .put("GroupDescription", "saaskit database proxy: PostgreSQL from the functions");
    proxyGroup.set("VpcId", ref("VpcId"));
    proxyGroup.set("SecurityGroupIngress", array(postgresFrom("FunctionSecurityGroup")));
    resource("DatabaseIngressFromProxy", "AWS::EC2::SecurityGroupIngress", where)
        .set("GroupId", ref("DatabaseSecurityGroupId"))
        .setAll(postgresFrom("DatabaseProxySecurityGroup"));

    ObjectNode role = resource("DatabaseProxyRole", "AWS::IAM::Role", where);
    role.set("AssumeRolePolicyDocument", trustPolicy("rds.amazonaws.com"));
    ObjectNode policy = object().put("PolicyName", "read-database-secret");
    policy.set("PolicyDocument", policyDocument(array(
        statement("ReadDatabaseSecret", List.of("secretsmanager:GetSecretValue"), array(ref("DatabaseSecretArn"))))));
    role.set("Policies", array(policy));

    ObjectNode proxy = resource("DatabaseProxy", "AWS::RDS::DBProxy", where)
        .put("EngineFamily", "POSTGRESQL")
        .put("RequireTLS", true)
        .put("IdleClientTimeout", 1800);
    proxy.set("DBProxyName", ref("AWS::StackName"));
    proxy.set("Auth", array(object().put("AuthScheme", "SECRETS").put("IAMAuth", "DISABLED").set("SecretArn", ref("DatabaseSecretArn"))));
    proxy.set("RoleArn", getAtt("DatabaseProxyRole", "Arn"));
    proxy.set("VpcSubnetIds", ref("SubnetIds"));
    proxy.set("VpcSecurityGroupIds", array(getAtt("DatabaseProxySecurityGroup", "GroupId")));

    ObjectNode targets = resource("DatabaseProxyTargetGroup", "AWS::RDS::DBProxyTargetGroup", where).put("TargetGroupName", "default");
    targets.set("DBProxyName", ref("DatabaseProxy"));
    targets.set("DBInstanceIdentifiers", ifThen("DatabaseIsCluster", noValue(), array(ref("DatabaseIdentifier"))));
    targets.set("DBClusterIdentifiers", ifThen("DatabaseIsCluster", array(ref("DatabaseIdentifier")), noValue()));
    targets.putObject("ConnectionPoolConfigurationInfo").put("MaxConnectionsPercent", 90);
  }

  private static ObjectNode postgresFrom(String securityGroup) {
    ObjectNode rule = object().put("IpProtocol", "tcp").put("FromPort", 5432).put("ToPort", 5432);
    rule.set("SourceSecurityGroupId", getAtt(securityGroup, "GroupId"));
    return rule;
  }

  private ObjectNode outputs() {
    ObjectNode outputs = object();
    output(outputs, "ApiUrl", "The API's base URL", getAtt("Api", "ApiEndpoint"));
    output(outputs, "BucketName", "The bucket of files and exports", ref("Bucket"));
    output(outputs, "DatabaseProxyEndpoint", "Where the functions reach PostgreSQL", getAtt("DatabaseProxy", "Endpoint"));
    for (QueueSpec queue : catalog.queues().values()) {
      output(outputs, queueId(queue.name()) + "Url", "The URL of queue " + queue.name(), ref(queueId(queue.name())));
    }
    return outputs;
  }

  private static void output(ObjectNode outputs, String name, String description, JsonNode value) {
    outputs.putObject(name).put("Description", description).set("Value", value);
  }

  // --- Logical ids ---

  /** Adds a resource and returns its Properties; fails when another entry's id is the same. */
  private ObjectNode resource(String id, String type, String owner) {
    String previous = owners.putIfAbsent(id, owner);
    if (previous != null) {
      throw new CatalogException(owner + ": its resource " + id + " has the same name as one made for " + previous
          + "; rename one of them");
    }
    return resources.putObject(id).put("Type", type).putObject("Properties");
  }

  /** The resource itself, for its attributes beside Properties (DependsOn, Metadata, DeletionPolicy). */
  private ObjectNode attributes(String id) {
    return (ObjectNode) resources.get(id);
  }

  static String functionId(String name) {
    return pascal(name) + "Function";
  }

  static String queueId(String name) {
    return pascal(name) + "Queue";
  }

  static String deadLetterId(String name) {
    return pascal(name) + "DeadLetterQueue";
  }

  static String moduleId(String name) {
    return pascal(name);
  }
}

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
import static dev.saaskit.deployment.Resources.queueId;

import dev.saaskit.shared.catalog.Catalog;
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
 * The shared stack ({@code template.yaml}): what every module uses, and one nested stack per
 * module. The HTTP API with every route (in its OpenAPI body, so a route costs no resource), its
 * throttling per route, access logs and 5xx alarm; the queues with their dead-letter queues and
 * alarms; the bucket; RDS Proxy with a database user per module; the dead-letter queue of failed
 * schedule runs.
 */
final class SharedStack {

  static final int EXPORTS_EXPIRE_DAYS = 7;
  static final int OLD_FILE_VERSIONS_EXPIRE_DAYS = 30;
  /** An API answering this many 5xx in 5 minutes raises its alarm. */
  static final int API_ERRORS_THRESHOLD = 5;
  /** A queue's oldest message raises its alarm past this age, or twice the queue's visibility if longer. */
  static final int QUEUE_AGE_SECONDS = 900;
  /** What API Gateway writes per request to the access log: who, what, how it ended, how long it took. */
  static final String ACCESS_LOG_FORMAT = "{\"request_id\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
      + "\"time\":\"$context.requestTime\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
      + "\"protocol\":\"$context.protocol\",\"bytes\":\"$context.responseLength\",\"latency_ms\":\"$context.responseLatency\","
      + "\"integration_latency_ms\":\"$context.integrationLatency\",\"integration_error\":\"$context.integrationErrorMessage\","
      + "\"user_agent\":\"$context.identity.userAgent\"}";

  /** A domain or an address, lower-case: a REPLACE_ placeholder does not match. */
  static final String EMAIL_IDENTITY_PATTERN = "([a-z0-9-]+\\.)+[a-z]{2,}|[^@\\s]+@([a-z0-9-]+\\.)+[a-z]{2,}";
  static final String SECRET_ARN_PATTERN = "arn:aws[a-z-]*:secretsmanager:.+";

  private final Catalog catalog;
  private final Resources resources = new Resources();

  private SharedStack(Catalog catalog) {
    this.catalog = catalog;
  }

  static ObjectNode document(Catalog catalog) {
    return new SharedStack(catalog).document();
  }

  private boolean signs() {
    return catalog.functions().stream().anyMatch(FunctionSpec::signsTokens);
  }

  private boolean schedules() {
    return catalog.functions().stream().anyMatch(f -> f.trigger() instanceof Trigger.Schedule);
  }

  private ObjectNode document() {
    ObjectNode template = object()
        .put("AWSTemplateFormatVersion", "2010-09-09")
        .put("Transform", "AWS::Serverless-2016-10-31")
        .put("Description", "saaskit: the functions, routes, queues and schedules of functions/catalog.yaml; one nested stack per module");
    template.set("Parameters", parameters());
    template.set("Conditions", conditions());
    bucket();
    database();
    catalog.queues().values().forEach(this::queue);
    if (schedules()) {
      scheduleDeadLetters();
    }
    catalog.modules().values().stream().filter(ModuleSpec::sendsEmail).forEach(this::email);
    catalog.modules().values().forEach(this::moduleStack);
    Stacks.logsReceiver(catalog).ifPresent(this::usageSubscriptions);
    api();
    template.set("Resources", resources.node());
    template.set("Outputs", outputs());
    return template;
  }

  // --- Parameters ---

  private ObjectNode parameters() {
    ObjectNode p = object();
    parameter(p, "VpcId", "AWS::EC2::VPC::Id", "The VPC of the database");
    parameter(p, "SubnetIds", "List<AWS::EC2::Subnet::Id>",
        "Private subnets in at least two availability zones for the functions and the proxy; they need a route to SQS,"
            + " Secrets Manager, S3 and CloudWatch Logs (NAT gateway or VPC endpoints)");
    parameter(p, "DatabaseSecurityGroupId", "AWS::EC2::SecurityGroup::Id",
        "The database's security group; the stack lets the proxy in on port 5432");
    parameter(p, "DatabaseIdentifier", "String", "The RDS DB instance or Aurora DB cluster identifier of an existing PostgreSQL database")
        .put("AllowedPattern", "[a-zA-Z][a-zA-Z0-9-]{0,62}");
    parameter(p, "DatabaseKind", "String", "Whether DatabaseIdentifier names an instance or a cluster")
        .put("Default", "instance").set("AllowedValues", array("instance", "cluster"));
    parameter(p, "DatabaseName", "String", "The database the platform's schema lives in").put("Default", "saaskit")
        .put("AllowedPattern", "[a-z][a-z0-9_]{0,62}");
    parameter(p, "DatabaseSecretArn", "String",
        "Secrets Manager secret of the database's owner {\"username\": ..., \"password\": ...}: the proxy and migrate read it,"
            + " no other function")
        .put("AllowedPattern", "arn:aws[a-z-]*:secretsmanager:.+");
    parameter(p, "JwtJwks", "String", "The public JSON Web Key Set that access tokens are verified with ({\"keys\": [...]})")
        .put("AllowedPattern", "\\{.*\\}")
        .put("ConstraintDescription", "must be a JSON Web Key Set: {\"keys\": [...]}");
    if (signs()) {
      parameter(p, Stacks.SIGNING_KEYS_PARAMETER, "String",
          "Secrets Manager secret holding the private JSON Web Key Set access tokens are signed with ({\"keys\": [...]});"
              + " only the functions with signs_tokens read it")
          .put("AllowedPattern", "arn:aws[a-z-]*:secretsmanager:.+");
    }
    parameter(p, "JwtIssuer", "String", "The iss of access tokens; empty: the stack's name").put("Default", "");
    parameter(p, "JwtAudience", "String", "The aud of access tokens; empty: the stack's name followed by -api").put("Default", "");
    parameter(p, "AllowedOrigins", "CommaDelimitedList", "Browser origins allowed to call the API and to upload files, e.g. https://app.example.com");
    parameter(p, "LogRetentionDays", "Number", "How long function and access logs are kept").put("Default", "30")
        .set("AllowedValues", array("1", "3", "5", "7", "14", "30", "60", "90", "180", "365", "731", "1827", "3653"));
    parameter(p, "AlarmTopicArn", "String", "SNS topic the alarms notify; empty: alarms only show in CloudWatch").put("Default", "")
        .put("AllowedPattern", "(arn:aws[a-z-]*:sns:.+)?");
    if (Stacks.sendsEmail(catalog)) {
      parameter(p, Stacks.EMAIL_IDENTITY_PARAMETER, "String",
          "The SES identity email is sent from: a domain (example.com) or an address, verified in SES in this region beforehand")
          .put("AllowedPattern", EMAIL_IDENTITY_PATTERN)
          .put("ConstraintDescription", "must be a lower-case domain or an email address");
    }
    Stacks.moduleParameters(catalog).forEach((name, setting) -> {
      ObjectNode parameter = parameter(p, name, "String", setting.description() + " (" + settingOf(setting) + ")");
      if (setting.secret()) {
        parameter.put("AllowedPattern", SECRET_ARN_PATTERN);
      }
      if (setting.pattern() != null) {
        parameter.put("AllowedPattern", setting.pattern());
      }
      if (setting.defaultValue() != null) {
        parameter.put("Default", setting.defaultValue());
      }
    });
    return p;
  }

  /** Which settings a parameter gives, e.g. "setting STRIPE_API_KEY_SECRET_ARN of module billing". */
  private String settingOf(ModuleSpec.Setting setting) {
    List<String> uses = new ArrayList<>();
    for (ModuleSpec module : catalog.modules().values()) {
      module.settings().forEach((variable, s) -> {
        if (setting.parameter().equals(s.parameter())) {
          uses.add(variable + " of module " + module.name());
        }
      });
    }
    return "setting " + String.join(", ", uses);
  }

  private static ObjectNode parameter(ObjectNode parameters, String name, String type, String description) {
    return parameters.putObject(name).put("Type", type).put("Description", description);
  }

  private static ObjectNode conditions() {
    ObjectNode c = object();
    c.putObject("DatabaseIsCluster").set("Fn::Equals", array(ref("DatabaseKind"), "cluster"));
    c.putObject("HasAlarmTopic").set("Fn::Not", array(equals("AlarmTopicArn", "")));
    c.putObject("HasIssuer").set("Fn::Not", array(equals("JwtIssuer", "")));
    c.putObject("HasAudience").set("Fn::Not", array(equals("JwtAudience", "")));
    return c;
  }

  private static ObjectNode equals(String parameter, String value) {
    ObjectNode node = object();
    node.set("Fn::Equals", array(ref(parameter), value));
    return node;
  }

  // --- The bucket ---

  /** Private, encrypted, versioned; each module owns the prefix {@code <module>/}, its exports expire. */
  private void bucket() {
    ObjectNode bucket = resources.add("Bucket", "AWS::S3::Bucket", "the bucket");
    // The files are the tenants' data: deleting the stack must not delete them.
    resources.attributes("Bucket").put("DeletionPolicy", "Retain").put("UpdateReplacePolicy", "Retain");
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
    ObjectNode policy = resources.add("BucketPolicy", "AWS::S3::BucketPolicy", "the bucket");
    policy.set("Bucket", ref("Bucket"));
    policy.set("PolicyDocument", policyDocument(array(denyPlainHttp)));
  }

  // --- The database ---

  static String loginSecretId(String module) {
    return pascal(module) + "DatabaseLogin";
  }

  /**
   * RDS Proxy in front of the existing database, reached by the functions' security group only. Each
   * module's functions log in to it as the module's database user with an IAM token (IAM
   * authentication required); the proxy logs in to the database with that user's generated password,
   * which migrate gives the user. The owner's secret, with password authentication, is migrate's.
   */
  private void database() {
    String where = "the database proxy";
    resources.add("FunctionSecurityGroup", "AWS::EC2::SecurityGroup", where)
        .put("GroupDescription", "saaskit functions")
        .set("VpcId", ref("VpcId"));
    ObjectNode proxyGroup = resources.add("DatabaseProxySecurityGroup", "AWS::EC2::SecurityGroup", where)
        .put("GroupDescription", "saaskit database proxy: PostgreSQL from the functions");
    proxyGroup.set("VpcId", ref("VpcId"));
    proxyGroup.set("SecurityGroupIngress", array(postgresFrom("FunctionSecurityGroup")));
    resources.add("DatabaseIngressFromProxy", "AWS::EC2::SecurityGroupIngress", where)
        .set("GroupId", ref("DatabaseSecurityGroupId"))
        .setAll(postgresFrom("DatabaseProxySecurityGroup"));

    List<JsonNode> secrets = new ArrayList<>(List.of(ref("DatabaseSecretArn")));
    ArrayNode auth = array(object().put("AuthScheme", "SECRETS").put("IAMAuth", "DISABLED")
        .put("Description", "the owner, for migrate").set("SecretArn", ref("DatabaseSecretArn")));
    for (String module : catalog.modules().keySet()) {
      ObjectNode secret = resources.add(loginSecretId(module), "AWS::SecretsManager::Secret", "module '" + module + "'")
          .put("Description", "The password of " + Stacks.databaseUser(module) + ", which module " + module
              + "'s functions log in to the database proxy as (with an IAM token); migrate sets it in the database");
      secret.set("Name", sub("${AWS::StackName}/database/" + module));
      secret.putObject("GenerateSecretString")
          .put("SecretStringTemplate", "{\"username\": \"" + Stacks.databaseUser(module) + "\"}")
          .put("GenerateStringKey", "password")
          .put("PasswordLength", 40)
          .put("ExcludePunctuation", true);
      secrets.add(ref(loginSecretId(module)));
      auth.add(object().put("AuthScheme", "SECRETS").put("IAMAuth", "REQUIRED")
          .put("Description", "module " + module).set("SecretArn", ref(loginSecretId(module))));
    }

    ObjectNode role = resources.add("DatabaseProxyRole", "AWS::IAM::Role", where);
    role.set("AssumeRolePolicyDocument", trustPolicy("rds.amazonaws.com"));
    ObjectNode policy = object().put("PolicyName", "read-database-secrets");
    policy.set("PolicyDocument", policyDocument(array(
        statement("ReadDatabaseSecrets", List.of("secretsmanager:GetSecretValue"), array(secrets)))));
    role.set("Policies", array(policy));

    ObjectNode proxy = resources.add("DatabaseProxy", "AWS::RDS::DBProxy", where)
        .put("EngineFamily", "POSTGRESQL")
        .put("RequireTLS", true)
        .put("IdleClientTimeout", 1800);
    proxy.set("DBProxyName", ref("AWS::StackName"));
    proxy.set("Auth", auth);
    proxy.set("RoleArn", getAtt("DatabaseProxyRole", "Arn"));
    proxy.set("VpcSubnetIds", ref("SubnetIds"));
    proxy.set("VpcSecurityGroupIds", array(getAtt("DatabaseProxySecurityGroup", "GroupId")));

    ObjectNode targets = resources.add("DatabaseProxyTargetGroup", "AWS::RDS::DBProxyTargetGroup", where).put("TargetGroupName", "default");
    targets.set("DBProxyName", ref("DatabaseProxy"));
    targets.set("DBInstanceIdentifiers", ifThen("DatabaseIsCluster", noValue(), array(ref("DatabaseIdentifier"))));
    targets.set("DBClusterIdentifiers", ifThen("DatabaseIsCluster", array(ref("DatabaseIdentifier")), noValue()));
    // A request waiting for a database connection gives up well before its function's timeout, so it
    // answers 503 database_unavailable instead of timing out at API Gateway.
    targets.putObject("ConnectionPoolConfigurationInfo").put("MaxConnectionsPercent", 90)
        .put("ConnectionBorrowTimeout", Stacks.borrowTimeoutSeconds(catalog));
  }

  private static ObjectNode postgresFrom(String securityGroup) {
    ObjectNode rule = object().put("IpProtocol", "tcp").put("FromPort", 5432).put("ToPort", 5432);
    rule.set("SourceSecurityGroupId", getAtt(securityGroup, "GroupId"));
    return rule;
  }

  // --- Queues and schedules ---

  /** The consumer's {@code max_receives}; a queue nobody consumes yet keeps the runtime's default. */
  private int maxReceives(String queue) {
    return catalog.functions().stream()
        .filter(f -> f.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue))
        .map(f -> ((Trigger.Sqs) f.trigger()).maxReceives())
        .findFirst().orElse(5);
  }

  /** The queue, its dead-letter queue {@code <name>-dlq} (kept longer than the queue), and alarms on both. */
  private void queue(QueueSpec queue) {
    String where = "queue '" + queue.name() + "'";
    String dlq = deadLetterId(queue.name());
    resources.add(dlq, "AWS::SQS::Queue", where)
        .put("MessageRetentionPeriod", Stacks.DEAD_LETTER_RETENTION_SECONDS)
        .put("SqsManagedSseEnabled", true)
        .set("QueueName", sub("${AWS::StackName}-" + queue.deadLetterName()));
    ObjectNode main = resources.add(queueId(queue.name()), "AWS::SQS::Queue", where)
        .put("VisibilityTimeout", queue.visibilityTimeoutSeconds())
        .put("MessageRetentionPeriod", queue.retentionDays() * 24 * 3600)
        .put("SqsManagedSseEnabled", true);
    main.set("QueueName", sub("${AWS::StackName}-" + queue.name()));
    main.putObject("RedrivePolicy").put("maxReceiveCount", maxReceives(queue.name())).set("deadLetterTargetArn", getAtt(dlq, "Arn"));

    alarm(pascal(queue.name()) + "DeadLetterAlarm", where, "Messages of " + queue.name() + " that failed every receive wait in "
        + queue.deadLetterName(), 1, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", getAtt(dlq, "QueueName"), "Maximum");
    int age = Math.max(QUEUE_AGE_SECONDS, 2 * queue.visibilityTimeoutSeconds());
    alarm(pascal(queue.name()) + "AgeAlarm", where, "The oldest message of " + queue.name() + " has waited over " + age
        + " s: its consumer is stuck or too slow", age, "AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName",
        getAtt(queueId(queue.name()), "QueueName"), "Maximum");
  }

  /** Where EventBridge Scheduler puts the runs that failed every retry, and an alarm on them. */
  private void scheduleDeadLetters() {
    resources.add("ScheduleDeadLetterQueue", "AWS::SQS::Queue", "the schedules")
        .put("MessageRetentionPeriod", Stacks.DEAD_LETTER_RETENTION_SECONDS)
        .put("SqsManagedSseEnabled", true)
        .set("QueueName", sub("${AWS::StackName}-schedules-dlq"));
    alarm("ScheduleDeadLetterAlarm", "the schedules", "Schedule runs that failed every retry wait in the schedules' dead-letter queue", 1,
        "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", getAtt("ScheduleDeadLetterQueue", "QueueName"), "Maximum");
  }

  private void alarm(String id, String owner, String description, int threshold, String namespace, String metric, String dimension,
      JsonNode value, String stat) {
    ObjectNode alarm = resources.add(id, "AWS::CloudWatch::Alarm", owner)
        .put("AlarmDescription", description)
        .put("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .put("Threshold", threshold)
        .put("EvaluationPeriods", 1)
        .put("TreatMissingData", "notBreaching");
    alarm.set("AlarmActions", ifThen("HasAlarmTopic", array(ref("AlarmTopicArn")), noValue()));
    alarm.set("Metrics", array(object().put("Id", "value").put("ReturnData", true)
        .set("MetricStat", DomainStack.metricStat(namespace, metric, dimension, value, stat))));
  }

  // --- Email ---

  static String configurationSetId(String module) {
    return pascal(module) + "EmailConfigurationSet";
  }

  /**
   * A module that sends email: its SES configuration set, which publishes bounces and complaints to
   * an SNS topic (SES may publish there for this configuration set only), which delivers them raw
   * (SES's JSON itself, which RecordEmailFeedback reads) to the module's feedback queue (which takes
   * messages from that topic only).
   */
  private void email(ModuleSpec module) {
    String where = "module '" + module.name() + "' email";
    String prefix = pascal(module.name()) + "Email";
    String configurationSet = configurationSetId(module.name());
    String topic = prefix + "FeedbackTopic";
    String queue = queueId(module.emailFeedbackQueue());
    resources.add(configurationSet, "AWS::SES::ConfigurationSet", where).set("Name", sub("${AWS::StackName}-" + module.name()));
    resources.add(topic, "AWS::SNS::Topic", where).set("TopicName", sub("${AWS::StackName}-" + module.name() + "-email-feedback"));

    ObjectNode sesPublishes = object().put("Sid", "SesPublishes").put("Effect", "Allow").put("Action", "sns:Publish");
    sesPublishes.putObject("Principal").put("Service", "ses.amazonaws.com");
    sesPublishes.set("Resource", ref(topic));
    ObjectNode sameAccountAndSet = sesPublishes.putObject("Condition").putObject("StringEquals");
    sameAccountAndSet.set("AWS:SourceAccount", ref("AWS::AccountId"));
    sameAccountAndSet.set("AWS:SourceArn", sub("arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${" + configurationSet + "}"));
    ObjectNode topicPolicy = resources.add(prefix + "FeedbackTopicPolicy", "AWS::SNS::TopicPolicy", where);
    topicPolicy.set("Topics", array(ref(topic)));
    topicPolicy.set("PolicyDocument", policyDocument(array(sesPublishes)));

    ObjectNode destination = object().put("Name", "bounces-and-complaints").put("Enabled", true);
    destination.set("MatchingEventTypes", array(Stacks.EMAIL_FEEDBACK_EVENTS));
    destination.putObject("SnsDestination").set("TopicARN", ref(topic));
    ObjectNode events = resources.add(prefix + "FeedbackEvents", "AWS::SES::ConfigurationSetEventDestination", where);
    events.set("ConfigurationSetName", ref(configurationSet));
    events.set("EventDestination", destination);
    resources.attributes(prefix + "FeedbackEvents").set("DependsOn", array(prefix + "FeedbackTopicPolicy"));

    ObjectNode subscription = resources.add(prefix + "FeedbackSubscription", "AWS::SNS::Subscription", where)
        .put("Protocol", "sqs")
        .put("RawMessageDelivery", true);
    subscription.set("TopicArn", ref(topic));
    subscription.set("Endpoint", getAtt(queue, "Arn"));

    ObjectNode topicSends = object().put("Sid", "FeedbackTopicSends").put("Effect", "Allow").put("Action", "sqs:SendMessage");
    topicSends.putObject("Principal").put("Service", "sns.amazonaws.com");
    topicSends.set("Resource", getAtt(queue, "Arn"));
    topicSends.putObject("Condition").putObject("ArnEquals").set("aws:SourceArn", ref(topic));
    ObjectNode queuePolicy = resources.add(prefix + "FeedbackQueuePolicy", "AWS::SQS::QueuePolicy", where);
    queuePolicy.set("Queues", array(ref(queue)));
    queuePolicy.set("PolicyDocument", policyDocument(array(topicSends)));
  }

  // --- The modules' stacks ---

  /** The stack of a module; every stack but the one holding an on-deploy function waits for that one. */
  private void moduleStack(ModuleSpec module) {
    String id = Stacks.stackId(module.name());
    ObjectNode stack = resources.add(id, "AWS::CloudFormation::Stack", "module '" + module.name() + "'");
    stack.put("TemplateURL", Stacks.stackFile(module.name()));
    List<String> dependsOn = new ArrayList<>(List.of("DatabaseProxyTargetGroup"));
    for (ModuleSpec other : catalog.modules().values()) {
      if (!other.name().equals(module.name()) && DomainStack.hasOnDeploy(catalog.inModule(other.name()))) {
        dependsOn.add(Stacks.stackId(other.name()));
      }
    }
    resources.attributes(id).set("DependsOn", array(dependsOn));
    ObjectNode parameters = stack.putObject("Parameters");
    for (String name : DomainStack.parameterNames(catalog, module)) {
      parameters.set(name, name.equals(Stacks.EMAIL_CONFIGURATION_SET_PARAMETER) ? ref(configurationSetId(module.name())) : parameterValue(name));
    }
  }

  /**
   * Usage analytics: each module's log group hands its invocation records to the logs: function.
   * The filters live here, not in the modules' stacks, because each needs both its log group and the
   * receiving function (with its permission) to exist first, and the receiving module's stack
   * itself waits for the stack that runs migrate: a filter in that stack would make a cycle. Batches
   * the function failed every retry wait in a queue of their own, with an alarm.
   */
  private void usageSubscriptions(FunctionSpec receiver) {
    resources.add("UsageDeadLetterQueue", "AWS::SQS::Queue", "usage analytics")
        .put("MessageRetentionPeriod", Stacks.DEAD_LETTER_RETENTION_SECONDS)
        .put("SqsManagedSseEnabled", true)
        .set("QueueName", sub("${AWS::StackName}-usage-dlq"));
    alarm("UsageDeadLetterAlarm", "usage analytics", "Log batches " + receiver.name() + " failed every retry wait in the usage dead-letter queue",
        1, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", getAtt("UsageDeadLetterQueue", "QueueName"), "Maximum");
    for (ModuleSpec module : catalog.modules().values()) {
      String id = pascal(module.name()) + "UsageSubscription";
      ObjectNode filter = resources.add(id, "AWS::Logs::SubscriptionFilter", "module '" + module.name() + "'")
          .put("FilterPattern", Stacks.usageFilterPattern(receiver));
      filter.set("LogGroupName", sub(Stacks.logGroupName(module.name(), "AWS::StackName")));
      filter.set("DestinationArn", DomainStack.aliasArn(receiver.name(), "AWS::StackName"));
      List<String> dependsOn = new ArrayList<>(List.of(Stacks.stackId(module.name())));
      if (!module.name().equals(receiver.module())) {
        dependsOn.add(Stacks.stackId(receiver.module()));
      }
      resources.attributes(id).set("DependsOn", array(dependsOn));
    }
  }

  private JsonNode parameterValue(String name) {
    for (QueueSpec queue : catalog.queues().values()) {
      if (name.equals(Stacks.queueUrlParameter(queue.name()))) {
        return ref(queueId(queue.name()));
      }
      if (name.equals(Stacks.queueArnParameter(queue.name()))) {
        return getAtt(queueId(queue.name()), "Arn");
      }
    }
    return switch (name) {
      case "StackName" -> ref("AWS::StackName");
      case "SubnetIds" -> join(ref("SubnetIds"));
      case "FunctionSecurityGroupId" -> getAtt("FunctionSecurityGroup", "GroupId");
      case "DatabaseProxyEndpoint" -> getAtt("DatabaseProxy", "Endpoint");
      // arn:aws:rds:<region>:<account>:db-proxy:prx-...
      case "DatabaseProxyResourceId" -> object().set("Fn::Select", array("6",
          object().set("Fn::Split", array(":", getAtt("DatabaseProxy", "DBProxyArn")))));
      case "BucketName" -> ref("Bucket");
      case "BucketArn" -> getAtt("Bucket", "Arn");
      case "JwtIssuer" -> ifThen("HasIssuer", ref("JwtIssuer"), ref("AWS::StackName"));
      case "JwtAudience" -> ifThen("HasAudience", ref("JwtAudience"), sub("${AWS::StackName}-api"));
      case "DatabaseLoginSecretArns" -> join(array(catalog.modules().keySet().stream().<JsonNode>map(m -> ref(loginSecretId(m))).toList()));
      case "ScheduleDeadLetterQueueArn" -> getAtt("ScheduleDeadLetterQueue", "Arn");
      case Stacks.USAGE_DEAD_LETTER_PARAMETER -> getAtt("UsageDeadLetterQueue", "Arn");
      default -> ref(name);
    };
  }

  private static ObjectNode join(JsonNode list) {
    ObjectNode join = object();
    join.set("Fn::Join", array(",", list));
    return join;
  }

  // --- The API ---

  /**
   * The API with every route in its OpenAPI body. API Gateway invokes each function's alias with its
   * module's role (an output of the module's stack), throttles each route as the catalog says, and
   * writes a line per request to the access log.
   */
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
    ObjectNode routeSettings = object();
    for (FunctionSpec f : catalog.functions()) {
      if (f.trigger() instanceof Trigger.Http http) {
        String path = http.isDefault() ? "/" + Trigger.Http.DEFAULT_PATH : http.path();
        String operation = http.method().equals("ANY") ? "x-amazon-apigateway-any-method" : http.method().toLowerCase(Locale.ROOT);
        ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        ObjectNode integration = pathItem.putObject(operation).putObject("x-amazon-apigateway-integration")
            .put("type", "aws_proxy")
            .put("httpMethod", "POST")
            .put("payloadFormatVersion", "2.0");
        integration.set("uri", sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
            + "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-" + f.name() + ":" + Stacks.ALIAS
            + "/invocations"));
        integration.set("credentials", getAtt(Stacks.stackId(f.module()), "Outputs.ApiRoleArn"));
        routeSettings.putObject(http.routeKey())
            .put("ThrottlingRateLimit", f.throttle().rate())
            .put("ThrottlingBurstLimit", f.throttle().burst());
      }
    }
    resources.add("ApiAccessLogs", "AWS::Logs::LogGroup", "the HTTP API")
        .set("LogGroupName", sub("/aws/http-api/${AWS::StackName}"))
        .set("RetentionInDays", ref("LogRetentionDays"));
    ObjectNode api = resources.add("Api", "AWS::Serverless::HttpApi", "the HTTP API");
    api.set("DefinitionBody", body);
    api.set("RouteSettings", routeSettings);
    api.putObject("AccessLogSettings").put("Format", ACCESS_LOG_FORMAT).set("DestinationArn", getAtt("ApiAccessLogs", "Arn"));
    alarm("ApiErrorsAlarm", "the HTTP API", "The API answered " + API_ERRORS_THRESHOLD + " or more 5xx in 5 minutes",
        API_ERRORS_THRESHOLD, "AWS/ApiGateway", "5xx", "ApiId", ref("Api"), "Sum");
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
}

package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the shared stack and the domain stacks agree on: names made from the catalog, the alias every
 * trigger calls, the database users, and AWS's limits on the names the stacks make.
 */
final class Stacks {

  static final String ALIAS = "live";
  /** Stack names may be at most this long: every name a stack makes starts with it (checked below). */
  static final int MAX_STACK_NAME = 15;
  /** The stack parameter naming the secret of the private signing keys. */
  static final String SIGNING_KEYS_PARAMETER = "JwtSigningKeysSecretArn";
  /** The namespace of the metrics the runtime's invocation log line carries, by function name. */
  static final String RUNTIME_METRICS = "SaasKit";
  static final int ALARM_PERIOD_SECONDS = 300;
  /** A dead-letter queue keeps messages 14 days, SQS's maximum and longer than any catalog queue. */
  static final int DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
  /** A function whose longest run in 5 minutes came this close to its timeout raises its alarm. */
  static final double NEAR_TIMEOUT = 0.9;
  /** EventBridge's "Scheduled Event", which the runtime's schedule binding reads; Scheduler fills in the placeholders. */
  static final String SCHEDULED_EVENT = "{\"version\":\"0\",\"id\":\"<aws.scheduler.execution-id>\",\"detail-type\":\"Scheduled Event\","
      + "\"source\":\"aws.scheduler\",\"time\":\"<aws.scheduler.scheduled-time>\",\"resources\":[\"<aws.scheduler.schedule-arn>\"],\"detail\":{}}";
  /** Scheduler retries a failed run this often within this many seconds, then sends it to the dead-letter queue. */
  static final int SCHEDULE_RETRIES = 2;
  static final int SCHEDULE_RETRY_SECONDS = 600;

  /** The parameter naming the queue where log batches go that the logs: function failed every retry. */
  static final String USAGE_DEAD_LETTER_PARAMETER = "UsageDeadLetterQueueArn";
  /** Lambda retries a failed asynchronous invocation (a log batch) this often, then sends it to the on-failure queue. */
  static final int LOGS_RETRIES = 2;
  static final int LOGS_EVENT_AGE_SECONDS = 6 * 3600;

  /** The parameter naming the SES identity (a domain or an address) a module that sends email sends from. */
  static final String EMAIL_IDENTITY_PARAMETER = "EmailIdentity";
  /** The parameter passing a sending module's stack the name of its SES configuration set. */
  static final String EMAIL_CONFIGURATION_SET_PARAMETER = "EmailConfigurationSet";
  /** The setting a sending module's functions find their configuration set in (SesMailer). */
  static final String EMAIL_CONFIGURATION_SET_VARIABLE = "SES_CONFIGURATION_SET";
  /** The events of a sending module's configuration set that reach its feedback queue (SES's names in CloudFormation). */
  static final List<String> EMAIL_FEEDBACK_EVENTS = List.of("bounce", "complaint");

  /** The stacks' own parameters: a catalog parameter may not take one of these names. */
  static final Set<String> RESERVED_PARAMETERS = Set.of("VpcId", "SubnetIds", "DatabaseSecurityGroupId", "DatabaseIdentifier",
      "DatabaseKind", "DatabaseName", "DatabaseSecretArn", "JwtJwks", SIGNING_KEYS_PARAMETER, "JwtIssuer", "JwtAudience",
      "AllowedOrigins", "LogRetentionDays", "AlarmTopicArn", EMAIL_IDENTITY_PARAMETER, EMAIL_CONFIGURATION_SET_PARAMETER, "StackName",
      "FunctionSecurityGroupId", "DatabaseProxyEndpoint", "DatabaseProxyResourceId", "BucketName", "BucketArn",
      "DatabaseLoginSecretArns", "ScheduleDeadLetterQueueArn", USAGE_DEAD_LETTER_PARAMETER);
  /** The environment the deployment sets itself: a catalog setting may not take one of these names. */
  static final Set<String> RESERVED_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "DATABASE_URL", "DATABASE_USER", "DATABASE_IAM_AUTH",
      "DATABASE_SECRET_ARN", "DATABASE_LOGIN_SECRET_ARNS", "JWT_JWKS", "JWT_ISSUER", "JWT_AUDIENCE", "JWT_SIGNING_KEYS_SECRET_ARN",
      "STORAGE_BUCKET", "MAIN_CLASS", "SPRING_CLOUD_FUNCTION_DEFINITION", EMAIL_CONFIGURATION_SET_VARIABLE);

  private Stacks() {}

  /** A catalog parameter's name as a stack parameter: {@code app_url} -> {@code AppUrl}. */
  static String parameterName(String catalogParameter) {
    return Cfn.pascal(catalogParameter.replace('_', '-'));
  }

  /** Every module's parameters, each once, in the catalog's order. */
  static Map<String, ModuleSpec.Setting> moduleParameters(Catalog catalog) {
    Map<String, ModuleSpec.Setting> parameters = new LinkedHashMap<>();
    catalog.modules().values().forEach(m -> m.parameters().forEach(p -> parameters.putIfAbsent(parameterName(p.parameter()), p)));
    return parameters;
  }

  static boolean sendsEmail(Catalog catalog) {
    return catalog.modules().values().stream().anyMatch(ModuleSpec::sendsEmail);
  }

  /** The PostgreSQL user a module's functions log in as, created by {@code migrate} with the password of its secret. */
  static String databaseUser(String module) {
    return "saaskit_" + module.replace('-', '_') + "_login";
  }

  /** The nested stack of a module in the shared stack. */
  static String stackId(String module) {
    return Cfn.pascal(module) + "Stack";
  }

  /** Where the domain stack's template lives, relative to the repository root and to template.yaml. */
  static String stackFile(String module) {
    return "stacks/" + module + ".yaml";
  }

  static String queueUrlParameter(String queue) {
    return Cfn.pascal(queue) + "QueueUrl";
  }

  static String queueArnParameter(String queue) {
    return Cfn.pascal(queue) + "QueueArn";
  }

  static String queueUrlVariable(String queue) {
    return "QUEUE_URL_" + queue.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The function the log groups' subscription filters deliver to: the catalog's logs: function, if any. */
  static Optional<FunctionSpec> logsReceiver(Catalog catalog) {
    return catalog.functions().stream().filter(f -> f.trigger() instanceof Trigger.Logs).findFirst();
  }

  /**
   * The subscription filter's pattern: the runtime's invocation records, and not the receiver's own,
   * whose delivery would invoke it again, without end.
   */
  static String usageFilterPattern(FunctionSpec receiver) {
    return "{ ($.event = \"invocation\") && ($.function != \"" + receiver.name() + "\") }";
  }

  /** A module's log group, shared by its functions; {@code stackNameVariable} is how the stack names the shared stack. */
  static String logGroupName(String module, String stackNameVariable) {
    return "/aws/lambda/${" + stackNameVariable + "}/" + module;
  }

  static boolean isOnDeploy(FunctionSpec f) {
    return f.trigger() instanceof Trigger.Direct direct && direct.onDeploy();
  }

  /** Visibility a queue needs for its consumer: six times its timeout plus its batching window (AWS's advice). */
  static int visibilityNeeded(FunctionSpec consumer) {
    return 6 * consumer.timeoutSeconds() + ((Trigger.Sqs) consumer.trigger()).batchingWindowSeconds();
  }

  /** RDS Proxy gives up waiting for a free database connection after this long: half the shortest HTTP timeout. */
  static int borrowTimeoutSeconds(Catalog catalog) {
    int shortest = catalog.functions().stream().filter(f -> f.http() != null).mapToInt(FunctionSpec::timeoutSeconds).min().orElse(30);
    return Math.max(1, shortest / 2);
  }

  /**
   * Fails naming the entry when the deployment cannot describe it: a consumer slower than its
   * queue's visibility allows, or a name that, made with the longest stack name allowed, passes an
   * AWS limit.
   */
  static void check(Catalog catalog) {
    List<String> problems = new ArrayList<>();
    String stack = "s".repeat(MAX_STACK_NAME);
    for (FunctionSpec f : catalog.functions()) {
      if (f.trigger() instanceof Trigger.Sqs sqs) {
        QueueSpec queue = catalog.queues().get(sqs.queue());
        if (queue.visibilityTimeoutSeconds() < visibilityNeeded(f)) {
          problems.add("function '" + f.name() + "': queue '" + queue.name() + "' has a visibility_timeout of "
              + queue.visibilityTimeoutSeconds() + " s, less than 6 times the function's timeout plus its batching window ("
              + visibilityNeeded(f) + " s); SQS would hand a message to a second consumer while the first still works on it");
        }
      }
      limit(problems, "function '" + f.name() + "'", "Lambda function name", stack + "-" + f.name(), 64);
      if (isOnDeploy(f)) {
        limit(problems, "function '" + f.name() + "'", "IAM role name", stack + "-" + f.name() + "-role", 64);
      }
      limit(problems, "function '" + f.name() + "'", "schedule name", stack + "-" + f.name(), 64);
    }
    for (ModuleSpec spec : catalog.modules().values()) {
      String module = spec.name();
      for (Map.Entry<String, ModuleSpec.Setting> setting : spec.settings().entrySet()) {
        String owner = "module '" + module + "' setting " + setting.getKey();
        if (RESERVED_VARIABLES.contains(setting.getKey()) || setting.getKey().startsWith("QUEUE_URL_")) {
          problems.add(owner + ": the deployment sets " + setting.getKey() + " itself; choose another name");
        }
        if (setting.getValue().isParameter()) {
          String name = parameterName(setting.getValue().parameter());
          if (RESERVED_PARAMETERS.contains(name) || name.endsWith("QueueUrl") || name.endsWith("QueueArn")) {
            problems.add(owner + ": parameter '" + setting.getValue().parameter() + "' would be the stacks' own parameter " + name
                + "; choose another name");
          }
        }
      }
      if (spec.sendsEmail()) {
        limit(problems, "module '" + module + "'", "SES configuration set name", stack + "-" + module, 64);
      }
      limit(problems, "module '" + module + "'", "IAM role name", stack + "-" + module + "-functions", 64);
      limit(problems, "module '" + module + "'", "IAM role name", stack + "-" + module + "-signing", 64);
      limit(problems, "module '" + module + "'", "schedule group name", stack + "-" + module, 64);
      limit(problems, "module '" + module + "'", "PostgreSQL user name", databaseUser(module), 63);
    }
    for (QueueSpec queue : catalog.queues().values()) {
      limit(problems, "queue '" + queue.name() + "'", "SQS queue name", stack + "-" + queue.deadLetterName(), 80);
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(String.join("\n", problems));
    }
  }

  private static void limit(List<String> problems, String owner, String kind, String name, int max) {
    if (name.length() > max) {
      problems.add(owner + ": its " + kind + " would be " + name.length() + " characters with a stack name of " + MAX_STACK_NAME
          + "; AWS allows " + max + ". Shorten the name.");
    }
  }
}

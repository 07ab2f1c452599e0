package dev.saaskit.deployment;

import static dev.saaskit.deployment.Cfn.array;
import static dev.saaskit.deployment.Cfn.getAtt;
import static dev.saaskit.deployment.Cfn.object;
import static dev.saaskit.deployment.Cfn.ref;
import static dev.saaskit.deployment.Cfn.sub;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.QueueSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
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

  static final String HANDLER = "dev.saaskit.shared.runtime.LambdaHandler::handleRequest";
  /** C1 only and the serial collector: a function's JVM lives short and starts often. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-FlightRecorder";

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
    Resources resources = new Resources();
    CatalogResources.addTo(resources, catalog);
    SharedResources.addTo(resources, catalog.modules().keySet());
    template.set("Resources", resources.node());
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
    if (CatalogResources.anySignsTokens(catalog)) {
      parameter(p, CatalogResources.SIGNING_KEYS_PARAMETER, "String",
          "Secrets Manager secret holding the private JSON Web Key Set access tokens are signed with ({\"keys\": [...]});"
              + " only the functions of modules with signs_tokens read it")
          .put("AllowedPattern", "arn:aws[a-z-]*:secretsmanager:.+");
    }
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
        .put("AutoPublishAlias", CatalogResources.ALIAS);
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
      env.set("QUEUE_URL_" + queue.name().toUpperCase(Locale.ROOT).replace('-', '_'), ref(Resources.queueId(queue.name())));
    }
    ObjectNode globals = object();
    globals.set("Function", function);
    return globals;
  }

  private ObjectNode outputs() {
    ObjectNode outputs = object();
    output(outputs, "ApiUrl", "The API's base URL", getAtt("Api", "ApiEndpoint"));
    output(outputs, "BucketName", "The bucket of files and exports", ref("Bucket"));
    output(outputs, "DatabaseProxyEndpoint", "Where the functions reach PostgreSQL", getAtt("DatabaseProxy", "Endpoint"));
    for (QueueSpec queue : catalog.queues().values()) {
      output(outputs, Resources.queueId(queue.name()) + "Url", "The URL of queue " + queue.name(), ref(Resources.queueId(queue.name())));
    }
    return outputs;
  }

  private static void output(ObjectNode outputs, String name, String description, JsonNode value) {
    outputs.putObject(name).put("Description", description).set("Value", value);
  }
}

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

import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What every function shares whatever the catalog holds: the bucket and the database proxy. */
final class SharedResources {

  static final int EXPORTS_EXPIRE_DAYS = 7;
  static final int OLD_FILE_VERSIONS_EXPIRE_DAYS = 30;

  private SharedResources() {}

  static void addTo(Resources resources, Collection<String> modules) {
    bucket(resources, modules);
    database(resources);
  }

  /** Private, encrypted, versioned; each module owns the prefix {@code <module>/}, its exports expire. */
  private static void bucket(Resources resources, Collection<String> modules) {
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
    for (String module : modules) {
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

  /** RDS Proxy in front of the existing database, reached by the functions' security group only. */
  private static void database(Resources resources) {
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

    ObjectNode role = resources.add("DatabaseProxyRole", "AWS::IAM::Role", where);
    role.set("AssumeRolePolicyDocument", trustPolicy("rds.amazonaws.com"));
    ObjectNode policy = object().put("PolicyName", "read-database-secret");
    policy.set("PolicyDocument", policyDocument(array(
        statement("ReadDatabaseSecret", List.of("secretsmanager:GetSecretValue"), array(ref("DatabaseSecretArn"))))));
    role.set("Policies", array(policy));

    ObjectNode proxy = resources.add("DatabaseProxy", "AWS::RDS::DBProxy", where)
        .put("EngineFamily", "POSTGRESQL")
        .put("RequireTLS", true)
        .put("IdleClientTimeout", 1800);
    proxy.set("DBProxyName", ref("AWS::StackName"));
    proxy.set("Auth", array(object().put("AuthScheme", "SECRETS").put("IAMAuth", "DISABLED").set("SecretArn", ref("DatabaseSecretArn"))));
    proxy.set("RoleArn", getAtt("DatabaseProxyRole", "Arn"));
    proxy.set("VpcSubnetIds", ref("SubnetIds"));
    proxy.set("VpcSecurityGroupIds", array(getAtt("DatabaseProxySecurityGroup", "GroupId")));

    ObjectNode targets = resources.add("DatabaseProxyTargetGroup", "AWS::RDS::DBProxyTargetGroup", where).put("TargetGroupName", "default");
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
}

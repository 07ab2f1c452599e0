package dev.saaskit.local;

import dev.saaskit.hosting.EmbeddedS3;
import dev.saaskit.hosting.LocalLambdaContext;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * SQS and S3 for the functions: embedded ElasticMQ and S3Proxy on loopback ports, or whatever
 * {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_SQS} / {@code _S3}) names: LocalStack, moto,
 * AWS. Creates every queue of the catalog with its dead-letter queue and redrive policy, and the
 * bucket.
 */
final class LocalAws implements AutoCloseable {

  static final String ACCOUNT = LocalLambdaContext.ACCOUNT;
  static final String LOCAL_KEY = EmbeddedS3.KEY;

  private final String sqsEndpoint;
  private final String s3Endpoint;
  private final String description;
  private final SQSRestServer elasticMq;
  private final EmbeddedS3 embeddedS3;
  private final SqsClient sqs;
  private final S3Client s3;
  private final String prefix;
  private final Map<String, String> queueUrls = new LinkedHashMap<>();
  private final Map<String, String> queueArns = new LinkedHashMap<>();

  private LocalAws(String sqsEndpoint, String s3Endpoint, String description, SQSRestServer elasticMq, EmbeddedS3 embeddedS3,
      String region, String prefix) {
    this.sqsEndpoint = sqsEndpoint;
    this.s3Endpoint = s3Endpoint;
    this.description = description;
    this.elasticMq = elasticMq;
    this.embeddedS3 = embeddedS3;
    this.prefix = prefix;
    SdkHttpClient http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(30)).build();
    this.sqs = SqsClient.builder().httpClient(http).region(Region.of(region)).endpointOverride(URI.create(sqsEndpoint))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(30))).build();
    this.s3 = S3Client.builder().httpClient(http).region(Region.of(region)).endpointOverride(URI.create(s3Endpoint))
        .forcePathStyle(true)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(30))).build();
  }

  /** Embedded ElasticMQ (queues in memory) and S3Proxy (objects under {@code dataDirectory/s3}). */
  static LocalAws embedded(EmulatorSettings settings) {
    int sqsPort = settings.sqsPort();
    int s3Port = settings.s3Port();
    Ports.requireFree(sqsPort, "embedded SQS", "LOCAL_SQS_PORT");
    Ports.requireFree(s3Port, "embedded S3", "LOCAL_S3_PORT");
    String host = Ports.LOOPBACK.getHostAddress();
    SQSRestServer elasticMq;
    try {
      // Without a server address ElasticMQ names its queues after the interface and the port it bound (0: a free one).
      elasticMq = SQSRestServerBuilder.withInterface(host).withPort(sqsPort)
          .withAWSRegion(settings.region()).withAWSAccountId(ACCOUNT).start();
      sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
    } catch (RuntimeException e) {
      throw new StartupException("embedded SQS did not start on port " + sqsPort + " (" + LocalPostgres.firstLine(e)
          + "): set LOCAL_SQS_PORT to a free port, or AWS_ENDPOINT_URL to use LocalStack or moto", e);
    }
    EmbeddedS3 s3;
    try {
      s3 = EmbeddedS3.start(host, s3Port, settings.dataDirectory().resolve("s3"));
    } catch (Exception e) {
      elasticMq.stopAndWait();
      throw new StartupException("embedded S3 did not start on port " + s3Port + " (" + LocalPostgres.firstLine(e)
          + "): set LOCAL_S3_PORT to a free port, or AWS_ENDPOINT_URL to use LocalStack or moto", e);
    }
    return new LocalAws("http://" + host + ":" + sqsPort, s3.endpoint().toString(),
        "embedded (ElasticMQ, S3Proxy)", elasticMq, s3, settings.region(), settings.queueNamePrefix());
  }

  /** The endpoints the settings name; fails within seconds when SQS there does not answer. */
  static LocalAws external(EmulatorSettings settings) {
    String sqs = settings.sqsEndpoint().or(settings::awsEndpoint).orElse(null);
    String s3 = settings.s3Endpoint().or(settings::awsEndpoint).orElse(null);
    if (sqs == null || s3 == null) {
      throw new StartupException("set AWS_ENDPOINT_URL (one endpoint for every service, e.g. http://localhost:4566), or both "
          + "AWS_ENDPOINT_URL_SQS and AWS_ENDPOINT_URL_S3; unset them all to use the embedded SQS and S3");
    }
    for (String endpoint : new String[] {sqs, s3}) {
      URI uri;
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
        throw new StartupException("AWS endpoint '" + endpoint + "' is not an http(s) URL: write it like http://localhost:4566");
      }
    }
    LocalAws aws = new LocalAws(sqs, s3, "external", null, null, settings.region(), settings.queueNamePrefix());
    try {
      aws.sqs.listQueues(r -> r.maxResults(1));
    } catch (SdkException e) {
      aws.close();
      throw new StartupException("SQS at " + sqs + " does not answer (" + LocalPostgres.firstLine(e) + "): start LocalStack or moto there, "
          + "fix AWS_ENDPOINT_URL, or unset it to use the embedded SQS and S3");
    }
    return aws;
  }

  /**
   * Creates each catalog queue and its {@code -dlq}; the redrive policy moves a message to the DLQ
   * after its consumer's {@code max_receives} receives, as the deployment configures it.
   */
  void createQueues(Catalog catalog) {
    for (QueueSpec queue : catalog.queues().values()) {
      int maxReceives = catalog.functions().stream()
          .filter(f -> f.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue.name()))
          .mapToInt(f -> ((Trigger.Sqs) f.trigger()).maxReceives())
          .findFirst().orElse(5);
      String dlqUrl = create(prefix + queue.deadLetterName(), Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(14 * 86_400)));
      String dlqArn = arn(dlqUrl);
      String url = create(prefix + queue.name(), Map.of(
          QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()),
          QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(queue.retentionDays() * 86_400),
          QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}"));
      queueUrls.put(queue.name(), url);
      queueArns.put(queue.name(), arn(url));
      queueUrls.put(queue.deadLetterName(), dlqUrl);
      queueArns.put(queue.deadLetterName(), dlqArn);
    }
  }

  void createBucket(String bucket, String region) {
    try {
      s3.createBucket(r -> {
        r.bucket(bucket);
        if (!"us-east-1".equals(region)) {
          r.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region)));
        }
      });
    } catch (BucketAlreadyOwnedByYouException e) {
      // Kept from an earlier run.
    } catch (SdkException e) {
      if (e.getMessage() == null || !e.getMessage().contains("BucketAlreadyExists")) {
        throw new StartupException("cannot create bucket '" + bucket + "' at " + s3Endpoint + " (" + LocalPostgres.firstLine(e)
            + "): check that S3 answers there, or set STORAGE_BUCKET to another name");
      }
    }
  }

  private String create(String name, Map<QueueAttributeName, String> attributes) {
    try {
      return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    } catch (QueueNameExistsException e) {
      String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
      sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
      return url;
    }
  }

  private String arn(String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** The URL of a catalog queue or its {@code -dlq}, or null. */
  String queueUrl(String queue) {
    return queueUrls.get(queue);
  }

  String queueArn(String queue) {
    return queueArns.get(queue);
  }

  Map<String, String> queueUrls() {
    return Map.copyOf(queueUrls);
  }

  /** Messages waiting and in flight per queue, for {@code GET /_local/queues}. */
  Map<String, Map<String, Integer>> depths() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    queueUrls.forEach((name, url) -> {
      var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
      out.put(name, Map.of(
          "waiting", Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
          "in_flight", Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))));
    });
    return out;
  }

  SqsClient sqs() {
    return sqs;
  }

  String sqsEndpoint() {
    return sqsEndpoint;
  }

  String s3Endpoint() {
    return s3Endpoint;
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    sqs.close();
    s3.close();
    if (embeddedS3 != null) {
      try {
        embeddedS3.close();
      } catch (Exception e) {
        System.err.println("embedded S3 did not stop cleanly: " + LocalPostgres.firstLine(e));
      }
    }
    if (elasticMq != null) {
      elasticMq.stopAndWait();
    }
  }
}

package dev.saaskit.testkit;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.QueueSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.outbox.SqsQueueSender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The tests' SQS: an embedded ElasticMQ on a loopback port, or whatever {@code AWS_ENDPOINT_URL}
 * names (moto, LocalStack). Creates every queue of the catalog with its DLQ and redrive policy,
 * under a prefix of its own so runs against a shared endpoint do not meet.
 */
public final class TestQueues {

  private static TestQueues instance;
  private static boolean embedded;

  private final SqsClient sqs;
  private final String prefix;

  private TestQueues(String prefix) {
    this.prefix = prefix;
    this.sqs = SqsQueueSender.client();
  }

  public static synchronized TestQueues get() {
    if (instance == null) {
      if (Settings.find("AWS_ENDPOINT_URL").isEmpty()) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        System.setProperty("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        embedded = true;
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
      }
      System.setProperty("AWS_REGION", Settings.get("AWS_REGION", "us-east-1"));
      System.setProperty("aws.accessKeyId", Settings.get("AWS_ACCESS_KEY_ID", "test"));
      System.setProperty("aws.secretAccessKey", Settings.get("AWS_SECRET_ACCESS_KEY", "test"));
      String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
      System.setProperty("QUEUE_NAME_PREFIX", prefix);
      TestQueues queues = new TestQueues(prefix);
      queues.create(Catalog.bundled());
      instance = queues;
    }
    return instance;
  }

  /** True when the queues are the embedded ElasticMQ, not an endpoint the run was given. */
  static synchronized boolean embedded() {
    get();
    return embedded;
  }

  private void create(Catalog catalog) {
    for (QueueSpec queue : catalog.queues().values()) {
      int maxReceives = catalog.functions().stream()
          .filter(f -> f.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue.name()))
          .map(f -> ((Trigger.Sqs) f.trigger()).maxReceives())
          .findFirst().orElse(5);
      String dlqUrl = sqs.createQueue(r -> r.queueName(prefix + queue.deadLetterName())).queueUrl();
      String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      sqs.createQueue(r -> r.queueName(prefix + queue.name()).attributes(Map.of(
          QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()),
          QueueAttributeName.REDRIVE_POLICY,
          "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}")));
    }
  }

  public SqsClient client() {
    return sqs;
  }

  public String url(String queue) {
    return sqs.getQueueUrl(r -> r.queueName(prefix + queue)).queueUrl();
  }

  /** Receives up to ten messages, waiting up to {@code waitSeconds} for the first; deletes what it returns. */
  public List<Message> take(String queue, int waitSeconds) {
    String url = url(queue);
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
        .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
    for (Message m : messages) {
      sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
    }
    return messages;
  }

  public void send(String queue, String body) {
    String url = url(queue);
    sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
  }

  public void purge(String queue) {
    while (!take(queue, 0).isEmpty()) {
      // Keep draining: purge is rate-limited on real SQS, receive is not.
    }
  }
}

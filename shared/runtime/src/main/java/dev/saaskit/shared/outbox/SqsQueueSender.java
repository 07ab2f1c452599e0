package dev.saaskit.shared.outbox;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.Outbound;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * SQS through the AWS SDK v2. The endpoint comes from {@code AWS_ENDPOINT_URL_SQS} or {@code
 * AWS_ENDPOINT_URL} (LocalStack, moto, ElasticMQ), else the region's. A queue's URL comes from
 * {@code QUEUE_URL_<NAME>} (set by the deployment), else is looked up by {@code QUEUE_NAME_PREFIX +
 * name} once per container.
 */
public final class SqsQueueSender implements QueueSender {

  public static final String CORRELATION_ATTRIBUTE = "correlation_id";

  /** The message attribute holding the publisher's id of the message ({@link QueueSender#send}). */
  public static final String PUBLISHED_ID_ATTRIBUTE = "published_id";

  private final SqsClient sqs;
  private final Outbound outbound;
  private final String prefix;
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  public SqsQueueSender(SqsClient sqs, Outbound outbound, String prefix) {
    this.sqs = sqs;
    this.outbound = outbound;
    this.prefix = prefix;
  }

  public static SqsQueueSender fromSettings(Outbound outbound) {
    return new SqsQueueSender(client(), outbound, Settings.get("QUEUE_NAME_PREFIX", ""));
  }

  /** An SQS client built the platform's way ({@link AwsClients}). */
  public static SqsClient client() {
    return AwsClients.build(SqsClient.builder(), "AWS_ENDPOINT_URL_SQS");
  }

  public String queueUrl(String queue) {
    return urls.computeIfAbsent(queue, name -> Settings.find("QUEUE_URL_" + name.toUpperCase(Locale.ROOT).replace('-', '_'))
        .orElseGet(() -> outbound.call("sqs", AwsClients::isTransient,
            () -> sqs.getQueueUrl(r -> r.queueName(prefix + name)).queueUrl())));
  }

  @Override
  public void send(String queue, String body, String correlationId, UUID publishedId, int delaySeconds) {
    String url = queueUrl(queue);
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put(PUBLISHED_ID_ATTRIBUTE, text(publishedId.toString()));
    if (correlationId != null) {
      attributes.put(CORRELATION_ATTRIBUTE, text(correlationId));
    }
    outbound.call("sqs", AwsClients::isTransient, () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(attributes)
        .delaySeconds(delaySeconds > 0 ? delaySeconds : null)));
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}

package dev.saaskit.testkit;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Lambda's event source mapping does for a queue, once: receives a batch from the tests' SQS
 * (with its message attributes and receive counts), invokes the consumer with it as an SQS event,
 * deletes what the consumer did not report failed, and makes the failed ones visible again at once
 * (instead of after the visibility timeout), so the queue's redrive policy counts their receives.
 */
public final class QueuePump {

  private QueuePump() {}

  /** One batch from {@code queue} to {@code function}; returns the messages it delivered. */
  public static List<Message> once(String queue, String function) {
    return once(queue, event -> Lambda.invoke(function, event));
  }

  /** One batch from {@code queue}, handed to {@code invoke} as an SQS event; returns the messages it delivered. */
  public static List<Message> once(String queue, UnaryOperator<String> invoke) {
    SqsClient sqs = TestQueues.get().client();
    String url = TestQueues.get().url(queue);
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
        .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
    if (messages.isEmpty()) {
      return messages;
    }
    ObjectNode event = Events.sqs("arn:aws:sqs:us-east-1:000000000000:" + queue, messages.stream().map(Message::body).toList(), 1);
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      ObjectNode record = (ObjectNode) event.get("Records").get(i);
      record.put("messageId", m.messageId());
      record.put("receiptHandle", m.receiptHandle());
      ((ObjectNode) record.get("attributes")).put("ApproximateReceiveCount",
          m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
      ObjectNode attributes = record.putObject("messageAttributes");
      m.messageAttributes().forEach((name, value) -> attributes.putObject(name)
          .put("stringValue", value.stringValue()).put("dataType", value.dataType())
          .set("stringListValues", Json.MAPPER.createArrayNode()));
    }
    JsonNode response = Json.tree(invoke.apply(event.toString()));
    List<String> failed = new ArrayList<>();
    response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asString()));
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } else {
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
    return messages;
  }

  /** Pumps until the queue yields nothing; returns every message delivered. */
  public static List<Message> drain(String queue, String function) {
    return drain(queue, event -> Lambda.invoke(function, event));
  }

  /**
   * Drains the queue through a new container of the function started with these settings in place
   * of the test environment's (another S3, a broken endpoint).
   */
  public static List<Message> drainInNewContainer(String queue, String function, Map<String, String> settings) {
    return Lambda.withSettings(settings, () -> {
      LocalContainer container = Lambda.coldStart(function);
      return drain(queue, event -> Lambda.invoke(container, event));
    });
  }

  private static List<Message> drain(String queue, UnaryOperator<String> invoke) {
    List<Message> all = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      List<Message> batch = once(queue, invoke);
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
    return all;
  }

  /** Sends a message body straight to the queue, as another domain's outbox would, with the publisher's id. */
  public static void publish(String queue, Object body, String publishedId) {
    SqsClient sqs = TestQueues.get().client();
    String url = TestQueues.get().url(queue);
    String json = body instanceof String s ? s : Json.write(body);
    sqs.sendMessage(r -> r.queueUrl(url).messageBody(json).messageAttributes(Map.of("published_id",
        MessageAttributeValue.builder().dataType("String").stringValue(publishedId).build())));
  }
}

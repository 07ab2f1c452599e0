package dev.saaskit.local;

import dev.saaskit.shared.json.Json;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQS event an event source mapping delivers: a {@code Records} array of received messages with
 * their system attributes, message attributes in Lambda's camelCase shape, and the queue's ARN and
 * region. Reads back the {@code SQSBatchResponse} a consumer returns.
 */
final class QueueEvents {

  private QueueEvents() {}

  static ObjectNode event(List<Message> messages, String queueArn, String region) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.messageId());
      r.put("receiptHandle", m.receiptHandle());
      r.put("body", m.body());
      ObjectNode attributes = r.putObject("attributes");
      m.attributesAsStrings().forEach(attributes::put);
      ObjectNode messageAttributes = r.putObject("messageAttributes");
      m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
      r.put("md5OfBody", m.md5OfBody());
      if (!m.messageAttributes().isEmpty() && m.md5OfMessageAttributes() != null) {
        r.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
      }
      r.put("eventSource", "aws:sqs");
      r.put("eventSourceARN", queueArn);
      r.put("awsRegion", region);
    }
    return event;
  }

  /** The message ids a consumer reported as failed ({@code batchItemFailures[].itemIdentifier}). */
  static Set<String> failedIds(byte[] output) {
    Set<String> failed = new LinkedHashSet<>();
    JsonNode node = Json.MAPPER.readTree(output);
    for (JsonNode failure : node.path("batchItemFailures")) {
      failed.add(failure.path("itemIdentifier").asString());
    }
    return failed;
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode a = Json.object();
    if (value.stringValue() != null) {
      a.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      a.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
    }
    ArrayNode strings = a.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = a.putArray("binaryListValues");
    value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
    a.put("dataType", value.dataType());
    return a;
  }
}

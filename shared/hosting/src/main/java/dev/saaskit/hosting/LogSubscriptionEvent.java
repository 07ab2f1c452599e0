package dev.saaskit.hosting;

import dev.saaskit.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event CloudWatch Logs sends a subscribed function, {@code {"awslogs": {"data": base64 of gzip of
 * the batch}}}, for our own hosts of functions (the local emulator, the tests) that stand in for it.
 */
public final class LogSubscriptionEvent {

  /** One log line: CloudWatch's event id (56 digits), its epoch milliseconds and its text. */
  public record Line(String id, long timestamp, String message) {}

  private LogSubscriptionEvent() {}

  /** {@code messageType} is {@code DATA_MESSAGE}, or {@code CONTROL_MESSAGE} for CloudWatch's check of the destination. */
  public static ObjectNode of(String messageType, String owner, String logGroup, String logStream, String filterName, List<Line> lines) {
    ObjectNode data = Json.object();
    data.put("messageType", messageType);
    data.put("owner", owner);
    data.put("logGroup", logGroup);
    data.put("logStream", logStream);
    data.putArray("subscriptionFilters").add(filterName);
    ArrayNode events = data.putArray("logEvents");
    for (Line line : lines) {
      events.addObject().put("id", line.id()).put("timestamp", line.timestamp()).put("message", line.message());
    }
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(Json.MAPPER.writeValueAsBytes(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode event = Json.object();
    event.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip.toByteArray()));
    return event;
  }
}

package dev.saaskit.shared.logs;

import dev.saaskit.shared.json.AwsEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What a CloudWatch Logs subscription delivers: {@code {"awslogs": {"data": ...}}}, the data the
 * base64 of the gzip of {@link Data}. Read with AWS's property names, unknown ones ignored.
 */
public final class SubscriptionEvent {

  /** CloudWatch's check that a destination is reachable, sent when a filter is created: no log lines. */
  public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

  record Envelope(Awslogs awslogs) {}

  record Awslogs(String data) {}

  /** The decoded payload. */
  public record Data(
      String messageType, String owner, String logGroup, String logStream, List<String> subscriptionFilters, List<LogEvent> logEvents) {

    public boolean isControlMessage() {
      return CONTROL_MESSAGE.equals(messageType);
    }
  }

  private SubscriptionEvent() {}

  /** Decodes an event; throws {@link IllegalArgumentException} when it is not one. */
  public static Data read(byte[] eventJson) {
    Envelope envelope = AwsEvents.read(eventJson, Envelope.class);
    if (envelope.awslogs() == null || envelope.awslogs().data() == null) {
      throw new IllegalArgumentException("not a CloudWatch Logs subscription event: no awslogs.data");
    }
    byte[] gzip = Base64.getDecoder().decode(envelope.awslogs().data());
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      Data data = AwsEvents.MAPPER.readValue(in, Data.class);
      return data.logEvents() == null ? new Data(data.messageType(), data.owner(), data.logGroup(), data.logStream(),
          data.subscriptionFilters(), List.of()) : data;
    } catch (IOException e) {
      throw new UncheckedIOException("awslogs.data is not gzip", e);
    }
  }
}

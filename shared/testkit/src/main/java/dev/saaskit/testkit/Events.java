package dev.saaskit.testkit;

import dev.saaskit.shared.json.Json;
import dev.saaskit.hosting.ApiGatewayQuery;
import dev.saaskit.hosting.LogSubscriptionEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds events from the AWS documentation samples under {@code fixtures/}, changing only what a request changes. */
public final class Events {

  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private Events() {}

  public static ObjectNode fixture(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/fixtures/" + name)) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP API payload 2.0 event for a request that API Gateway matched to {@code routeKey}. */
  public static ObjectNode http(
      String method, String path, String rawQuery, String routeKey, Map<String, String> pathParameters,
      Map<String, String> headers, byte[] body, boolean binary) {
    ObjectNode event = fixture("apigw-v2-http.json");
    event.put("routeKey", routeKey);
    event.put("rawPath", path);
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
    event.remove("cookies");
    event.remove("stageVariables");
    ObjectNode h = event.putObject("headers");
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
    Map<String, String> query = ApiGatewayQuery.parameters(rawQuery);
    if (query.isEmpty()) {
      event.remove("queryStringParameters");
    } else {
      ObjectNode q = event.putObject("queryStringParameters");
      query.forEach(q::put);
    }
    if (pathParameters.isEmpty()) {
      event.remove("pathParameters");
    } else {
      ObjectNode p = event.putObject("pathParameters");
      pathParameters.forEach(p::put);
    }
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.remove("authentication");
    context.remove("authorizer");
    context.put("routeKey", routeKey);
    context.put("requestId", UUID.randomUUID().toString());
    Instant now = Instant.now();
    context.put("time", CLF.format(now.atOffset(ZoneOffset.UTC)));
    context.put("timeEpoch", now.toEpochMilli());
    ObjectNode http = (ObjectNode) context.get("http");
    http.put("method", method);
    http.put("path", path);
    http.put("userAgent", headers.getOrDefault("user-agent", "saaskit-tests"));
    if (body == null || body.length == 0) {
      event.remove("body");
      event.put("isBase64Encoded", false);
    } else if (binary) {
      event.put("body", Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", true);
    } else {
      event.put("body", new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** One SQS record per body, as an event source mapping delivers them. */
  public static ObjectNode sqs(String queueArn, List<String> bodies, int receiveCount) {
    ObjectNode event = fixture("sqs-event.json");
    ArrayNode records = (ArrayNode) event.get("Records");
    ObjectNode template = (ObjectNode) records.get(0);
    records.removeAll();
    for (String body : bodies) {
      ObjectNode r = template.deepCopy();
      r.put("messageId", UUID.randomUUID().toString());
      r.put("receiptHandle", UUID.randomUUID().toString());
      r.put("body", body);
      ((ObjectNode) r.get("attributes")).put("ApproximateReceiveCount", String.valueOf(receiveCount));
      r.put("eventSourceARN", queueArn);
      r.remove("md5OfBody");
      records.add(r);
    }
    return event;
  }

  public static ObjectNode scheduled(String scheduleArn) {
    ObjectNode event = fixture("scheduled-event.json");
    event.put("id", UUID.randomUUID().toString());
    event.put("time", Instant.now().toString());
    ((ArrayNode) event.get("resources")).removeAll().add(scheduleArn);
    return event;
  }

  /**
   * A CloudWatch Logs subscription event delivering {@code lines} of {@code logGroup}, each with a
   * fresh event id: {@code {"awslogs": {"data": base64(gzip(...))}}}, as the AWS documentation shows it.
   */
  public static ObjectNode awslogs(String logGroup, List<String> lines) {
    return awslogs("DATA_MESSAGE", logGroup, lines);
  }

  /** The message CloudWatch sends when a subscription filter is created, to check its destination. */
  public static ObjectNode awslogsControlMessage() {
    return awslogs("CONTROL_MESSAGE", "testLogGroup", List.of("CWL CONTROL MESSAGE: Checking health of destination Firehose."));
  }

  private static ObjectNode awslogs(String messageType, String logGroup, List<String> lines) {
    long now = Instant.now().toEpochMilli();
    // CloudWatch's ids are 56 digits, unique within the log group.
    List<LogSubscriptionEvent.Line> events = lines.stream().map(line -> new LogSubscriptionEvent.Line(
        String.format(Locale.ROOT, "%056d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), Long.MAX_VALUE)), now, line)).toList();
    return LogSubscriptionEvent.of(messageType, "123456789012", logGroup,
        "2026/12/01/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""), "usage", events);
  }

  /** The log events a subscription event holds ({@code id}, {@code timestamp}, {@code message}), decoded. */
  public static List<JsonNode> awslogsLines(String event) {
    byte[] gzip = Base64.getDecoder().decode(parse(event).path("awslogs").path("data").asString());
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      List<JsonNode> lines = new java.util.ArrayList<>();
      Json.MAPPER.readTree(in).path("logEvents").forEach(lines::add);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
    return Json.MAPPER.readTree(json);
  }
}

package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.saaskit.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events the emulator builds, member by member against the samples in the AWS documentation
 * (shared/testkit's fixtures): the same members with the same JSON types, except the differences
 * listed in each test; and each one read by the Lambda runtime's own event deserialiser.
 */
class EventContractTest {

  /** Maps whose keys are data, not shape: only their values' types are compared. */
  private static final Set<String> FREE_MAPS = Set.of("headers", "queryStringParameters", "pathParameters", "attributes", "messageAttributes", "detail");

  @Test
  void http_api_payload_2_0_matches_the_documented_sample() {
    JsonNode sample = fixture("apigw-v2-http.json");
    HttpEvents.Request request = new HttpEvents.Request("POST", "/my/path", "parameter1=value1&parameter1=value2&parameter2=value",
        List.of(Map.entry("Header1", "value1"), Map.entry("Header2", "value1"), Map.entry("header2", "value2"),
            Map.entry("Cookie", "cookie1; cookie2"), Map.entry("Content-Type", "text/plain"), Map.entry("User-Agent", "agent"),
            Map.entry("Host", "id.execute-api.us-east-1.amazonaws.com")),
        "Hello from Lambda".getBytes(StandardCharsets.UTF_8), "192.0.2.1", "HTTP/1.1");

    ObjectNode event = HttpEvents.event(request, "$default", Map.of("parameter1", "value1"), "id", Instant.ofEpochMilli(1583348638390L));

    List<String> differences = compare(sample, event, "");
    assertThat(differences).containsExactlyInAnyOrder(
        "requestContext.authentication: only in the sample (mutual TLS is not used)",
        "requestContext.authorizer: only in the sample (no API Gateway authorizer: the functions verify tokens themselves)",
        "stageVariables: only in the sample (the API defines no stage variables)");
    for (String same : List.of("version", "routeKey", "rawPath", "rawQueryString", "body", "isBase64Encoded")) {
      assertThat(event.get(same)).as(same).isEqualTo(sample.get(same));
    }
    assertThat(event.get("cookies")).isEqualTo(sample.get("cookies"));
    assertThat(event.get("queryStringParameters")).isEqualTo(sample.get("queryStringParameters"));
    assertThat(event.get("pathParameters")).isEqualTo(sample.get("pathParameters"));
    assertThat(event.path("headers").path("header1")).isEqualTo(sample.path("headers").path("header1"));
    assertThat(event.path("headers").path("header2")).isEqualTo(sample.path("headers").path("header2"));
    assertThat(event.path("headers").has("cookie")).isFalse();
    for (String same : List.of("domainName", "domainPrefix", "routeKey", "stage", "timeEpoch", "requestId", "http")) {
      assertThat(event.path("requestContext").get(same)).as("requestContext." + same).isEqualTo(sample.path("requestContext").get(same));
    }
    // The sample's time (12 March) and timeEpoch (4 March 2020) disagree; ours is timeEpoch in the sample's format.
    assertThat(event.path("requestContext").path("time").asString()).isEqualTo("04/Mar/2020:19:03:58 +0000")
        .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");

    APIGatewayV2HTTPEvent read = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
        .fromJson(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(read.getRequestContext().getHttp().getSourceIp()).isEqualTo("192.0.2.1");
    assertThat(read.getCookies()).containsExactly("cookie1", "cookie2");
    assertThat(read.getQueryStringParameters()).containsEntry("parameter1", "value1,value2");
  }

  @Test
  void a_binary_body_is_base64_and_a_bodiless_request_has_no_body_member() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    ObjectNode binary = HttpEvents.event(new HttpEvents.Request("PUT", "/logo", null,
        List.of(Map.entry("content-type", "image/png")), png, "127.0.0.1", "HTTP/1.1"), "PUT /logo", Map.of(), "id", Instant.now());
    assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(binary.path("body").asString())).isEqualTo(png);

    ObjectNode json = HttpEvents.event(new HttpEvents.Request("POST", "/x", "", List.of(Map.entry("content-type", "application/merge-patch+json")),
        "{}".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1"), "POST /x", Map.of(), "id", Instant.now());
    assertThat(json.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(json.path("body").asString()).isEqualTo("{}");

    ObjectNode none = HttpEvents.event(new HttpEvents.Request("GET", "/x", "", List.of(), new byte[0], "127.0.0.1", "HTTP/1.1"),
        "GET /x", Map.of(), "id", Instant.now());
    assertThat(none.has("body")).isFalse();
    assertThat(none.has("queryStringParameters")).isFalse();
    assertThat(none.has("pathParameters")).isFalse();
    assertThat(none.has("cookies")).isFalse();
  }

  @Test
  void a_functions_response_maps_back_to_http_as_api_gateway_does() {
    String output = """
        {"statusCode":201,"headers":{"Content-Type":"application/json","x-one":"1"},
         "multiValueHeaders":{"x-many":["a","b"]},"cookies":["a=1; Path=/","b=2"],
         "body":"eyJvayI6dHJ1ZX0=","isBase64Encoded":true}""";
    HttpEvents.Response response = HttpEvents.response(output.getBytes(StandardCharsets.UTF_8), "rid");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers()).contains(Map.entry("content-type", "application/json"), Map.entry("x-one", "1"),
        Map.entry("x-many", "a"), Map.entry("x-many", "b"), Map.entry("set-cookie", "a=1; Path=/"), Map.entry("set-cookie", "b=2"),
        Map.entry("apigw-requestid", "rid"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");

    HttpEvents.Response inferred = HttpEvents.response("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), "rid");
    assertThat(inferred.status()).isEqualTo(200);
    assertThat(inferred.headers()).contains(Map.entry("content-type", "application/json"));
    assertThat(new String(inferred.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
  }

  @Test
  void sqs_event_matches_the_documented_sample() {
    JsonNode sample = fixture("sqs-event.json");
    JsonNode record = sample.path("Records").get(0);
    Message message = Message.builder()
        .messageId(record.path("messageId").asString())
        .receiptHandle(record.path("receiptHandle").asString())
        .body(record.path("body").asString())
        .md5OfBody(record.path("md5OfBody").asString())
        .attributesWithStrings(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1545082649183",
            "SenderId", "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp", "1545082649185"))
        .build();

    ObjectNode event = QueueEvents.event(List.of(message), record.path("eventSourceARN").asString(), record.path("awsRegion").asString());

    assertThat(compare(sample, event, "")).isEmpty();
    assertThat(event).isEqualTo(sample);
  }

  @Test
  void sqs_message_attributes_have_lambdas_camel_case_shape() {
    Message message = Message.builder().messageId("m1").receiptHandle("r1").body("{}").md5OfBody("99914b932bd37a50b983c5e7c90ae93b")
        .md5OfMessageAttributes("abc").attributesWithStrings(Map.of("ApproximateReceiveCount", "3"))
        .messageAttributes(Map.of("correlation_id", MessageAttributeValue.builder().dataType("String").stringValue("req-1").build()))
        .build();

    ObjectNode event = QueueEvents.event(List.of(message), "arn:aws:sqs:us-east-1:000000000000:probe", "us-east-1");

    assertThat(event.path("Records").get(0).path("messageAttributes").path("correlation_id")).isEqualTo(Json.tree(
        "{\"stringValue\":\"req-1\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}"));
    SQSEvent read = LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
        .fromJson(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(read.getRecords().get(0).getMessageAttributes().get("correlation_id").getStringValue()).isEqualTo("req-1");
    assertThat(read.getRecords().get(0).getAttributes()).containsEntry("ApproximateReceiveCount", "3");
    assertThat(QueueEvents.failedIds("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("m1");
  }

  @Test
  void scheduled_event_matches_the_documented_sample() {
    JsonNode sample = fixture("scheduled-event.json");

    ObjectNode event = ScheduledEvents.event("outbox-relay", Instant.parse("2015-10-08T16:53:06.123Z"), "us-east-1");

    assertThat(compare(sample, event, "")).isEmpty();
    assertThat(event.path("time").asString()).isEqualTo("2015-10-08T16:53:06Z");
    for (String same : List.of("version", "detail-type", "region", "detail")) {
      assertThat(event.get(same)).as(same).isEqualTo(sample.get(same));
    }
    // Expected differences in value: EventBridge Scheduler is the source, and the resource is the schedule's ARN.
    assertThat(event.path("source").asString()).isEqualTo("aws.scheduler");
    assertThat(event.path("resources").get(0).asString()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/outbox-relay");
  }

  /** Members missing on either side, or of another JSON type; free maps compare only their values' types. */
  private static List<String> compare(JsonNode sample, JsonNode ours, String path) {
    List<String> differences = new ArrayList<>();
    if (sample.getNodeType() != ours.getNodeType()) {
      differences.add(path + ": " + ours.getNodeType() + " where the sample has " + sample.getNodeType());
      return differences;
    }
    String name = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
    if (sample.isObject() && FREE_MAPS.contains(name)) {
      ours.properties().forEach(e -> {
        if (!e.getValue().isString() && !name.equals("messageAttributes") && !name.equals("detail")) {
          differences.add(path + "." + e.getKey() + ": " + e.getValue().getNodeType() + " where the sample has strings");
        }
      });
      return differences;
    }
    if (sample.isObject()) {
      sample.properties().forEach(e -> {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (!ours.has(e.getKey())) {
          differences.add(p + ": only in the sample" + reason(p));
        } else {
          differences.addAll(compare(e.getValue(), ours.get(e.getKey()), p));
        }
      });
      ours.properties().forEach(e -> {
        if (!sample.has(e.getKey())) {
          differences.add((path.isEmpty() ? e.getKey() : path + "." + e.getKey()) + ": only in ours");
        }
      });
    } else if (sample.isArray() && !sample.isEmpty() && !ours.isEmpty()) {
      for (JsonNode item : ours) {
        differences.addAll(compare(sample.get(0), item, path + "[]"));
      }
    }
    return differences;
  }

  private static String reason(String path) {
    return switch (path) {
      case "requestContext.authentication" -> " (mutual TLS is not used)";
      case "requestContext.authorizer" -> " (no API Gateway authorizer: the functions verify tokens themselves)";
      case "stageVariables" -> " (the API defines no stage variables)";
      default -> "";
    };
  }

  private static JsonNode fixture(String name) {
    try (InputStream in = EventContractTest.class.getResourceAsStream("/fixtures/" + name)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

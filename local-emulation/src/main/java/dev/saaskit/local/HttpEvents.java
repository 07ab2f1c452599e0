package dev.saaskit.local;

import dev.saaskit.shared.json.Json;
import dev.saaskit.hosting.ApiGatewayQuery;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * API Gateway HTTP API, payload format 2.0, both ways: the event a request becomes, and the HTTP
 * response a function's {@code APIGatewayV2HTTPResponse} output becomes. Follows what AWS documents
 * and does: header names lower case, repeated headers and query values comma-joined, cookies in
 * their own array and not in the headers, bodies of binary content types base64-encoded, absent
 * members left out rather than null.
 */
final class HttpEvents {

  static final String ACCOUNT = LocalAws.ACCOUNT;
  static final String API_ID = "local";

  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final SecureRandom RANDOM = new SecureRandom();

  private HttpEvents() {}

  /** A request as it arrived: header lines in order, each as sent; the path and query still encoded. */
  record Request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body,
      String sourceIp, String protocol) {}

  /** An HTTP response to write: status, header lines (a name may repeat), body bytes. */
  record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

  /** API Gateway's request id: 16 characters of base64, like {@code "JKJaXmPLvHcESHA="}. */
  static String newRequestId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  static ObjectNode event(Request request, String routeKey, Map<String, String> pathParameters, String requestId, Instant time) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    for (Map.Entry<String, String> h : request.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("cookie")) {
        for (String cookie : h.getValue().split(";")) {
          if (!cookie.isBlank()) {
            cookies.add(cookie.trim());
          }
        }
      } else {
        headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
      }
    }
    String host = headers.getOrDefault("host", "localhost");
    String domain = host.contains(":") && !host.endsWith("]") ? host.substring(0, host.lastIndexOf(':')) : host;
    String port = host.contains(":") && !host.endsWith("]") ? host.substring(host.lastIndexOf(':') + 1) : "80";
    headers.merge("x-forwarded-for", request.sourceIp(), (sent, ip) -> sent + ", " + ip);
    headers.putIfAbsent("x-forwarded-port", port);
    headers.putIfAbsent("x-forwarded-proto", "http");
    headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-" + HexFormat.of().formatHex(randomBytes(12)));

    ObjectNode event = Json.object();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", request.rawPath());
    event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
    if (!cookies.isEmpty()) {
      ArrayNode array = event.putArray("cookies");
      cookies.forEach(array::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);
    Map<String, String> query = ApiGatewayQuery.parameters(request.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode q = event.putObject("queryStringParameters");
      query.forEach(q::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", ACCOUNT);
    context.put("apiId", API_ID);
    context.put("domainName", domain);
    context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.rawPath());
    http.put("protocol", request.protocol());
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", headers.getOrDefault("user-agent", ""));
    context.put("requestId", requestId);
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", CLF.format(time.atOffset(ZoneOffset.UTC)));
    context.put("timeEpoch", time.toEpochMilli());
    byte[] body = request.body();
    if (body != null && body.length > 0) {
      boolean text = isText(headers.get("content-type"));
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    if (!pathParameters.isEmpty()) {
      ObjectNode p = event.putObject("pathParameters");
      pathParameters.forEach(p::put);
    }
    return event;
  }

  /**
   * Reads a function's output as API Gateway does: a JSON object with {@code statusCode} is a
   * response ({@code headers}, {@code multiValueHeaders}, {@code cookies} as {@code set-cookie},
   * {@code body}, {@code isBase64Encoded}); any other output is taken as a 200 JSON body.
   */
  static Response response(byte[] output, String requestId) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(output);
    } catch (RuntimeException e) {
      node = null;
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (node == null || !node.isObject() || !node.has("statusCode")) {
      headers.add(Map.entry("content-type", "application/json"));
      headers.add(Map.entry("apigw-requestid", requestId));
      return new Response(200, headers, output);
    }
    int status = node.path("statusCode").asInt(500);
    for (Map.Entry<String, JsonNode> h : node.path("headers").properties()) {
      if (!h.getValue().isNull()) {
        headers.add(Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asString()));
      }
    }
    for (Map.Entry<String, JsonNode> h : node.path("multiValueHeaders").properties()) {
      for (JsonNode value : h.getValue()) {
        headers.add(Map.entry(h.getKey().toLowerCase(Locale.ROOT), value.asString()));
      }
    }
    for (JsonNode cookie : node.path("cookies")) {
      headers.add(Map.entry("set-cookie", cookie.asString()));
    }
    headers.add(Map.entry("apigw-requestid", requestId));
    JsonNode bodyNode = node.path("body");
    String body = bodyNode.isMissingNode() || bodyNode.isNull() ? "" : bodyNode.asString();
    boolean base64 = node.path("isBase64Encoded").asBoolean(false) || node.path("base64Encoded").asBoolean(false);
    byte[] bytes = base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    return new Response(status, headers, bytes);
  }

  /** What API Gateway answers when the function itself failed (threw, timed out): a bare 500. */
  static Response functionError(String requestId) {
    return new Response(500, List.of(Map.entry("content-type", "application/json"), Map.entry("apigw-requestid", requestId)),
        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
  }

  /** Text bodies reach the function as they are; everything else is base64, as API Gateway treats unknown types as binary. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/javascript")
        || type.equals("application/graphql");
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}

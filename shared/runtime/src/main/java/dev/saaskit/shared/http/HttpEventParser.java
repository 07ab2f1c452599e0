package dev.saaskit.shared.http;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads API Gateway's HTTP API event (payload format 2.0) into our {@link HttpRequest}, in one pass
 * of a streaming parser over the event's bytes: no event classes, no intermediate tree. Members we
 * do not use (cookies, stage variables, the authorizer's context...) are skipped. Header names are
 * lower-cased; API Gateway already comma-joins repeated headers and query values.
 */
final class HttpEventParser {

  /** An event with every member we read, for priming the parser; its request id spares drawing a random one. */
  static final byte[] SAMPLE = ("{\"version\":\"2.0\",\"routeKey\":\"GET /\",\"rawPath\":\"/\",\"headers\":{\"Accept\":\"*/*\"},"
      + "\"queryStringParameters\":{\"q\":\"1\"},\"pathParameters\":{\"id\":\"1\"},\"requestContext\":{\"requestId\":\"prime\","
      + "\"http\":{\"method\":\"GET\",\"path\":\"/\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"prime\"},\"timeEpoch\":0},"
      + "\"body\":\"e30=\",\"isBase64Encoded\":true,\"cookies\":[\"a=b\"]}").getBytes(StandardCharsets.UTF_8);

  private HttpEventParser() {}

  /** The request in {@code event}; a JSON syntax error fails with Jackson's exception. */
  static HttpRequest parse(byte[] event) {
    Event e = new Event();
    try (JsonParser p = Json.MAPPER.createParser(event)) {
      expectObject(p);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "routeKey" -> e.routeKey = text(p);
          case "rawPath" -> e.rawPath = text(p);
          case "headers" -> e.headers = strings(p, true);
          case "queryStringParameters" -> e.query = strings(p, false);
          case "pathParameters" -> e.pathParameters = strings(p, false);
          case "body" -> e.body = text(p);
          case "isBase64Encoded" -> e.base64 = p.currentToken() == JsonToken.VALUE_TRUE;
          case "requestContext" -> requestContext(p, e);
          default -> p.skipChildren();
        }
      }
    }
    return e.toRequest();
  }

  private static void requestContext(JsonParser p, Event e) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "requestId" -> e.requestId = text(p);
        case "http" -> http(p, e);
        default -> p.skipChildren();
      }
    }
  }

  private static void http(JsonParser p, Event e) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "method" -> e.method = text(p);
        case "path" -> e.path = text(p);
        case "sourceIp" -> e.sourceIp = text(p);
        case "userAgent" -> e.userAgent = text(p);
        default -> p.skipChildren();
      }
    }
  }

  /** A JSON object of strings; a member whose value is not a string is left out. */
  private static Map<String, String> strings(JsonParser p, boolean lowerCaseNames) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, String> values = new HashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      String value = text(p);
      if (value != null) {
        values.put(lowerCaseNames ? name.toLowerCase(Locale.ROOT) : name, value);
      }
    }
    return Map.copyOf(values);
  }

  private static String text(JsonParser p) {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  private static void expectObject(JsonParser p) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("the event is not a JSON object");
    }
  }

  /** The members of an event as they are read. */
  private static final class Event {
    String routeKey;
    String rawPath;
    Map<String, String> headers = Map.of();
    Map<String, String> query = Map.of();
    Map<String, String> pathParameters = Map.of();
    String body;
    boolean base64;
    String requestId;
    String method;
    String path;
    String sourceIp;
    String userAgent;

    HttpRequest toRequest() {
      byte[] bytes = body == null ? new byte[0] : base64 ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
      return new HttpRequest(method == null ? "GET" : method, path != null ? path : rawPath, routeKey, headers, query, pathParameters,
          bytes, requestId != null ? requestId : Ids.newId().toString(), sourceIp, userAgent);
    }

    private static byte[] decode(String base64) {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        return base64.getBytes(StandardCharsets.UTF_8);
      }
    }
  }
}

package dev.saaskit.testkit;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.RouteMatch;
import dev.saaskit.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client for tests that speaks HTTP as API Gateway sees it: the request is matched to its catalog
 * route, turned into a payload 2.0 event, and sent to that route's function through the Lambda
 * entry point.
 */
public final class Api {

  private Api() {}

  /** A client address of its own, as a request from somewhere else would have. */
  public static String randomSourceIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }


  public static Request get(String pathAndQuery) {
    return new Request("GET", pathAndQuery);
  }

  public static Request post(String pathAndQuery) {
    return new Request("POST", pathAndQuery);
  }

  public static Request put(String pathAndQuery) {
    return new Request("PUT", pathAndQuery);
  }

  public static Request patch(String pathAndQuery) {
    return new Request("PATCH", pathAndQuery);
  }

  public static Request delete(String pathAndQuery) {
    return new Request("DELETE", pathAndQuery);
  }

  public static Request request(String method, String pathAndQuery) {
    return new Request(method, pathAndQuery);
  }

  /** A request being built; {@link #send()} delivers it. */
  public static final class Request {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean binary;
    private String sourceIp;

    Request(String method, String pathAndQuery) {
      this.method = method;
      int q = pathAndQuery.indexOf('?');
      this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      this.rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
      headers.put("user-agent", "saaskit-tests");
    }

    public Request header(String name, String value) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
      return this;
    }

    public Request bearer(String token) {
      return header("authorization", "Bearer " + token);
    }

    /**
     * The client address API Gateway reports ({@code requestContext.http.sourceIp}). When not set,
     * each request comes from an address of its own (in 198.51.100.0/24's neighbourhood), so
     * per-address throttles never add up across unrelated tests.
     */
    public Request sourceIp(String ip) {
      this.sourceIp = ip;
      return this;
    }

    public Request idempotencyKey(String key) {
      return header("idempotency-key", key);
    }

    /** A JSON body: a string is sent as it is, anything else is serialised as snake_case JSON. */
    public Request json(Object value) {
      body = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.writeBytes(value);
      headers.putIfAbsent("content-type", "application/json");
      return this;
    }

    public Request body(byte[] bytes, String contentType, boolean base64) {
      body = bytes;
      binary = base64;
      if (contentType != null) {
        headers.put("content-type", contentType);
      }
      return this;
    }

    public ApiResponse send() {
      RouteMatch match = route();
      return parse(Lambda.invoke(match.function().name(), event(match)));
    }

    /**
     * Sends the request to a new container of its function started with these settings (database
     * URL, queue endpoint...) in place of the test environment's: how a test breaks a dependency.
     */
    public ApiResponse sendToNewContainer(Map<String, String> settings) {
      RouteMatch match = route();
      String name = match.function().name();
      return parse(Lambda.withSettings(settings, () -> Lambda.invoke(Lambda.coldStart(name), event(match))));
    }

    /** Sends the request to a given container of its function: how a test runs two at once. */
    public ApiResponse sendTo(LocalContainer container) {
      RouteMatch match = route();
      if (!container.function().name().equals(match.function().name())) {
        throw new AssertionError(method + " " + path + " is routed to " + match.function().name() + ", not to " + container.function().name());
      }
      return parse(Lambda.invoke(container, event(match)));
    }

    private RouteMatch route() {
      return Catalog.bundled().route(method, path)
          .orElseThrow(() -> new AssertionError("no route (and no $default route) for " + method + " " + path));
    }

    private String event(RouteMatch match) {
      if (body != null && !binary) {
        dev.saaskit.testkit.logs.LogSecrets.watchJson(new String(body, StandardCharsets.UTF_8));
      }
      String routeKey = match.function().http().routeKey();
      ObjectNode event = Events.http(method, path, rawQuery, routeKey, match.pathParameters(), headers, body, binary);
      ((ObjectNode) event.path("requestContext").path("http")).put("sourceIp", sourceIp != null ? sourceIp : randomSourceIp());
      return event.toString();
    }

    static ApiResponse parse(String out) {
      JsonNode response = Json.MAPPER.readTree(out);
      Map<String, String> headers = new HashMap<>();
      response.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
      String body = response.path("body").asString("");
      dev.saaskit.testkit.logs.LogSecrets.watchJson(body);
      return new ApiResponse(response.path("statusCode").asInt(), headers, body);
    }
  }
}

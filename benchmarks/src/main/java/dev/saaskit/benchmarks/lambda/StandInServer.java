package dev.saaskit.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A STAND-IN for the local emulator, for throughput runs until the emulator lands: an HTTP server on
 * 127.0.0.1 that turns every request into an API Gateway HTTP API (payload 2.0) event and passes it
 * to ONE function's handler, whatever the path. It does no routing, no access checks of its own and
 * none of API Gateway's limits; the emulator will replace it.
 *
 * <p>Arguments: handler class, function name, route key (e.g. {@code GET /health}), port (0 picks
 * one), worker threads. One handler instance stands for one warm container; with one worker thread
 * it serves one request at a time, as a Lambda container does. Prints {@code LISTENING <port>} on
 * standard error once it accepts connections.
 */
public final class StandInServer {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private StandInServer() {}

  public static void main(String[] args) throws Exception {
    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    String function = args[1];
    String routeKey = args[2];
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3])), 512);
    server.createContext("/", exchange -> serve(exchange, handler, function, routeKey));
    server.setExecutor(Executors.newFixedThreadPool(Integer.parseInt(args[4])));
    server.start();
    System.err.println("LISTENING " + server.getAddress().getPort());
  }

  private static void serve(HttpExchange exchange, RequestStreamHandler handler, String function, String routeKey) throws IOException {
    try (exchange) {
      byte[] event = JSON.writeValueAsBytes(event(exchange, routeKey));
      ByteArrayOutputStream out = new ByteArrayOutputStream(512);
      handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext(function, UUID.randomUUID().toString()));
      JsonNode response = JSON.readTree(out.toByteArray());
      response.path("headers").properties().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asString()));
      String body = response.path("body").asString("");
      byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
          ? Base64.getDecoder().decode(body)
          : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.path("statusCode").asInt(502), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(bytes);
        }
      }
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(502, -1);
    }
  }

  /** The payload 2.0 event API Gateway would send for this request. */
  private static ObjectNode event(HttpExchange exchange, String routeKey) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", path);
    event.put("rawQueryString", query == null ? "" : query);
    ObjectNode headers = event.putObject("headers");
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
    }
    if (query != null && !query.isEmpty()) {
      ObjectNode parameters = event.putObject("queryStringParameters");
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String key = java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8);
        String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "";
        parameters.put(key, parameters.has(key) ? parameters.get(key).asString() + "," + value : value);
      }
    }
    Instant now = Instant.now();
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "stand-in");
    context.put("domainName", "127.0.0.1");
    context.put("domainPrefix", "stand-in");
    ObjectNode http = context.putObject("http");
    http.put("method", exchange.getRequestMethod());
    http.put("path", path);
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    http.put("userAgent", exchange.getRequestHeaders().getFirst("user-agent"));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", CLF.format(now.atOffset(ZoneOffset.UTC)));
    context.put("timeEpoch", now.toEpochMilli());
    byte[] body = exchange.getRequestBody().readAllBytes();
    String contentType = exchange.getRequestHeaders().getFirst("content-type");
    boolean text = contentType != null && (contentType.startsWith("text/") || contentType.contains("json"));
    if (body.length > 0) {
      event.put("body", text ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
    }
    event.put("isBase64Encoded", body.length > 0 && !text);
    return event;
  }
}

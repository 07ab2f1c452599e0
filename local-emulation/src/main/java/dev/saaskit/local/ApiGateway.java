package dev.saaskit.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.RouteMatch;
import dev.saaskit.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API as API Gateway serves it: each request is matched to its catalog route (whatever
 * matches none goes to the {@code $default} function), becomes a payload 2.0 event, and is answered
 * with what the function returns. Beside the API: {@code /openapi.json}, {@code /docs} and the
 * emulator's own {@code /_local/...} endpoints, reached only where the catalog has no route.
 */
final class ApiGateway implements AutoCloseable {

  /** API Gateway's HTTP API payload limit. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  /** Where email links lead locally ({@code APP_URL}); the page reads which one from its path. */
  static final String APP_PAGES = "/_local/app";

  private static final Pattern FIRE = Pattern.compile("/_local/schedules/([a-z0-9-]+)/fire");
  private static final Pattern PUBLISH = Pattern.compile("/_local/queues/([a-z0-9-]+)/messages");
  private static final Pattern INVOKE = Pattern.compile("/_local/functions/([a-z0-9-]+)/invoke");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Catalog catalog;
  private final FunctionContainers containers;
  private final LocalConveniences conveniences;

  private ApiGateway(HttpServer server, ExecutorService executor, Catalog catalog, FunctionContainers containers, LocalConveniences conveniences) {
    this.server = server;
    this.executor = executor;
    this.catalog = catalog;
    this.containers = containers;
    this.conveniences = conveniences;
  }

  /** Binds the port first of all, so a clash is reported before anything slow starts. */
  static HttpServer bind(int port) {
    try {
      return HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 128);
    } catch (BindException e) {
      throw new StartupException("the API cannot listen on port " + port + ", which is in use (an emulator already running?): stop what uses it "
          + "or set PORT to another port");
    } catch (IOException e) {
      throw new StartupException("the API cannot listen on port " + port + " (" + e.getMessage() + "): set PORT to another port");
    }
  }

  static ApiGateway start(HttpServer server, Catalog catalog, FunctionContainers containers, LocalConveniences conveniences) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "gateway-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ApiGateway gateway = new ApiGateway(server, executor, catalog, containers, conveniences);
    server.setExecutor(executor);
    server.createContext("/", gateway::handle);
    server.start();
    return gateway;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String requestId = HttpEvents.newRequestId();
    String target = "";
    HttpEvents.Response response;
    try {
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        response = json(413, Map.of("message", "Request Entity Too Large"));
      } else {
        Optional<RouteMatch> match = catalog.route(method, path);
        boolean routed = match.isPresent() && !match.get().function().http().isDefault();
        Optional<HttpEvents.Response> local = routed ? Optional.empty() : local(method, path, body);
        if (local.isPresent()) {
          response = local.get();
          target = "(emulator)";
        } else if (match.isEmpty()) {
          response = json(404, Map.of("message", "Not Found"));
        } else {
          FunctionSpec function = match.get().function();
          target = function.name();
          response = invoke(exchange, function, match.get().pathParameters(), body, requestId);
        }
      }
    } catch (RuntimeException | IOException e) {
      response = json(500, Map.of("message", "Internal Server Error", "emulator_error", LocalPostgres.firstLine(e)));
    }
    send(exchange, method, response);
    Console.line(method + " " + exchange.getRequestURI() + " -> " + response.status() + " " + target + " " + Console.millis(start));
  }

  private HttpEvents.Response invoke(HttpExchange exchange, FunctionSpec function, Map<String, String> pathParameters, byte[] body, String requestId) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
    HttpEvents.Request request = new HttpEvents.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers, body, exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    byte[] event = HttpEvents.event(request, function.http().routeKey(), pathParameters, requestId, Instant.now()).toString()
        .getBytes(StandardCharsets.UTF_8);
    try {
      return HttpEvents.response(containers.invoke(function, event), requestId);
    } catch (FunctionContainers.InvocationFailure e) {
      Console.line("function " + e.getMessage());
      return HttpEvents.functionError(requestId);
    }
  }

  /** The emulator's own endpoints, or empty when the path is none of them. */
  private Optional<HttpEvents.Response> local(String method, String path, byte[] body) {
    Matcher m;
    if (method.equals("GET") && path.equals("/openapi.json")) {
      return Optional.of(new HttpEvents.Response(200, List.of(Map.entry("content-type", "application/json")),
          conveniences.openApi().getBytes(StandardCharsets.UTF_8)));
    }
    if (method.equals("GET") && (path.equals("/docs") || path.equals("/docs/"))) {
      return Optional.of(new HttpEvents.Response(200, List.of(Map.entry("content-type", "text/html; charset=utf-8")), conveniences.docsPage()));
    }
    if (!path.equals("/_local") && !path.startsWith("/_local/")) {
      return Optional.empty();
    }
    if (method.equals("GET") && (path.equals("/_local") || path.equals("/_local/"))) {
      return Optional.of(json(200, conveniences.status()));
    }
    if (path.equals("/_local/mail")) {
      if (method.equals("GET")) {
        return Optional.of(json(200, Map.of("messages", conveniences.mail().messages())));
      }
      if (method.equals("DELETE")) {
        conveniences.mail().clear();
        return Optional.of(new HttpEvents.Response(204, List.of(), new byte[0]));
      }
    }
    if (method.equals("GET") && path.startsWith(APP_PAGES + "/")) {
      return Optional.of(new HttpEvents.Response(200, List.of(Map.entry("content-type", "text/html; charset=utf-8")), conveniences.appPage()));
    }
    if (method.equals("GET") && path.equals("/_local/queues")) {
      return Optional.of(json(200, Map.of("queues", conveniences.aws().depths())));
    }
    if (method.equals("POST") && (m = FIRE.matcher(path)).matches()) {
      if (!conveniences.schedules().has(m.group(1))) {
        return Optional.of(json(404, Map.of("message", "no schedule named '" + m.group(1) + "'", "schedules", conveniences.schedules().expressions().keySet())));
      }
      try {
        Schedules.Run run = conveniences.schedules().fire(m.group(1));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("function", run.function());
        out.put("scheduled_time", run.scheduledTime().toString());
        out.put("result", Json.MAPPER.readTree(run.output()));
        return Optional.of(json(200, out));
      } catch (FunctionContainers.InvocationFailure e) {
        return Optional.of(json(502, Map.of("function", m.group(1), "error", e.getMessage())));
      }
    }
    if (method.equals("POST") && path.equals("/_local/logs/flush")) {
      if (conveniences.logs() == null) {
        return Optional.of(json(404, Map.of("message", "the catalog has no logs: function to deliver invocation records to")));
      }
      List<Map<String, Object>> deliveries = new ArrayList<>();
      for (LogSubscriptions.Delivery d : conveniences.logs().flush()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("log_group", d.logGroup());
        out.put("lines", d.lines());
        out.put(d.error() == null ? "result" : "error", d.error() == null ? d.result() : d.error());
        deliveries.add(out);
      }
      return Optional.of(json(200, Map.of("function", conveniences.logs().receiver(), "deliveries", deliveries)));
    }
    if (method.equals("POST") && (m = PUBLISH.matcher(path)).matches()) {
      String url = conveniences.aws().queueUrl(m.group(1));
      if (url == null) {
        return Optional.of(json(404, Map.of("message", "no queue named '" + m.group(1) + "'", "queues", conveniences.aws().queueUrls().keySet())));
      }
      String messageBody = new String(body, StandardCharsets.UTF_8);
      String id = conveniences.aws().sqs().sendMessage(r -> r.queueUrl(url).messageBody(messageBody)).messageId();
      return Optional.of(json(202, Map.of("queue", m.group(1), "message_id", id)));
    }
    if (method.equals("POST") && (m = INVOKE.matcher(path)).matches()) {
      Optional<FunctionSpec> function = catalog.named(m.group(1));
      if (function.isEmpty()) {
        return Optional.of(json(404, Map.of("message", "no function named '" + m.group(1) + "'")));
      }
      try {
        byte[] output = containers.invoke(function.get(), body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
        return Optional.of(new HttpEvents.Response(200, List.of(Map.entry("content-type", "application/json")), output));
      } catch (FunctionContainers.InvocationFailure e) {
        return Optional.of(json(502, Map.of("function", m.group(1), "error", e.getMessage())));
      }
    }
    return Optional.of(json(404, Map.of("message", "no emulator endpoint " + method + " " + path, "see", "GET /_local")));
  }

  private static HttpEvents.Response json(int status, Object body) {
    return new HttpEvents.Response(status, List.of(Map.entry("content-type", "application/json")), Json.writeBytes(body));
  }

  /** The body, or null when it is larger than API Gateway accepts. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void send(HttpExchange exchange, String method, HttpEvents.Response response) {
    try (exchange) {
      response.headers().forEach(h -> {
        if (!h.getKey().equals("content-length") && !h.getKey().equals("transfer-encoding")) {
          exchange.getResponseHeaders().add(h.getKey(), h.getValue());
        }
      });
      boolean empty = response.body().length == 0 || method.equals("HEAD") || response.status() == 204 || response.status() == 304;
      exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
      if (!empty) {
        exchange.getResponseBody().write(response.body());
      }
    } catch (IOException e) {
      Console.line("the client went away before the response was written: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

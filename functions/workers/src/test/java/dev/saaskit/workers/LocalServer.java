package dev.saaskit.workers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.saaskit.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP server the tests' http steps call, on a loopback port, and the test-only settings that
 * let them reach it: the port as the one loopback port allowed ({@code WORKERS_LOCAL_LOOPBACK_PORTS})
 * and names that resolve to it or to addresses no step may reach ({@code WORKERS_LOCAL_HOSTS}).
 * Paths (each request counted by path and {@code id} parameter):
 *
 * <ul>
 *   <li>{@code /ok}: 200 with {@code {"ok": true, "id", "method", "body"}}
 *   <li>{@code /status?code=N}: answers N
 *   <li>{@code /flaky?id=X&fail=N}: 503 for the first N requests of X, then 200
 *   <li>{@code /redirect?to=URL}: 302 to URL
 *   <li>{@code /big}: 300 KiB
 *   <li>{@code /hold?id=X}: answers only once {@link #release} is called for X, the first request of X only
 * </ul>
 */
public final class LocalServer {

  /** Resolves to this server. */
  public static final String HOST = "api.example.test";
  /** Allowed by the tests' organizations, and resolving to addresses no step may reach. */
  public static final String PRIVATE_HOST = "private.example.test";
  public static final String METADATA_HOST = "metadata.example.test";
  public static final String LOOPBACK_HOST = "loopback.example.test";

  private static LocalServer instance;

  private final HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

  private LocalServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "local-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  public static synchronized LocalServer get() {
    if (instance == null) {
      instance = new LocalServer();
      System.setProperty("WORKERS_LOCAL_LOOPBACK_PORTS", String.valueOf(instance.port()));
      System.setProperty("WORKERS_LOCAL_HOSTS", String.join(",", HOST + "=127.0.0.1", PRIVATE_HOST + "=10.20.30.40",
          METADATA_HOST + "=169.254.169.254", LOOPBACK_HOST + "=127.0.0.1"));
    }
    return instance;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://api.example.test:<port><pathAndQuery>}. */
  public String url(String pathAndQuery) {
    return "http://" + HOST + ":" + port() + pathAndQuery;
  }

  public int hits(String path, String id) {
    return hits.getOrDefault(path + "?" + id, new AtomicInteger()).get();
  }

  public void release(String id) {
    holds.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, String> query = query(uri.getRawQuery());
    String id = query.getOrDefault("id", "");
    int hit = hits.computeIfAbsent(uri.getPath() + "?" + id, k -> new AtomicInteger()).incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    switch (uri.getPath()) {
      case "/ok" -> {
        ObjectNode answer = Json.object().put("ok", true).put("id", id).put("method", exchange.getRequestMethod()).put("body", body);
        ObjectNode headers = answer.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        json(exchange, 200, answer.toString());
      }
      case "/status" -> json(exchange, Integer.parseInt(query.get("code")), "{\"status\": " + query.get("code") + "}");
      case "/flaky" -> json(exchange, hit <= Integer.parseInt(query.getOrDefault("fail", "1")) ? 503 : 200, "{\"hit\": " + hit + "}");
      case "/redirect" -> {
        exchange.getResponseHeaders().add("location", query.get("to"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
      }
      case "/big" -> {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        exchange.sendResponseHeaders(200, big.length);
        exchange.getResponseBody().write(big);
        exchange.close();
      }
      case "/hold" -> {
        if (hit == 1) {
          await(holds.computeIfAbsent(id, k -> new CountDownLatch(1)));
        }
        json(exchange, 200, "{\"held\": " + (hit == 1) + "}");
      }
      default -> json(exchange, 404, "{}");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new ConcurrentHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }
}

package dev.saaskit.benchmarks;

import dev.saaskit.benchmarks.baseline.PlainHandler;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.RouteMatch;
import dev.saaskit.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One request measured everywhere: cold start, warm latency, throughput. The catalog decides which
 * function serves it (and so which artifact, initializer and bean); {@code baseline} is what the
 * plain-Java handler does for it, the same work by hand ({@code baselineSql} is its statement for
 * {@link PlainHandler.Work#QUERY}). A bearer credential makes the baseline check it too, as the
 * function does.
 *
 * @param bodies null when every request may carry the same body; else makes {@code n} bodies, one per
 *     request, each usable once (refresh tokens rotate)
 * @param expect what every answer must contain: a request that does not take the measured path
 *     (refused, rate limited, a token used up) fails the run instead of being measured
 * @param coldStart whether cold starts are measured for it (one case per artifact is enough)
 * @param keyAuthenticated authenticated by an API key: its round trips are held against the target of one
 * @param maxWarmup at most this many warm-up requests in the warm-latency loop (bcrypt makes a login slow)
 * @param maxIterations at most this many measured requests
 */
public record Case(String name, String method, String path, Map<String, String> headers, String body,
    PlainHandler.Work baseline, String baselineSql, IntFunction<List<String>> bodies, String expect,
    boolean coldStart, boolean keyAuthenticated, int maxWarmup, int maxIterations) {

  static final String STATUS_200 = "\"statusCode\":200";

  public static Case get(String name, String path) {
    return new Case(name, "GET", path, Map.of("user-agent", "saaskit-benchmarks"), null,
        PlainHandler.Work.QUERY, "select 1", null, STATUS_200, false, false, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  public static Case post(String name, String path, String jsonBody) {
    Map<String, String> headers = Map.of("user-agent", "saaskit-benchmarks", "content-type", "application/json");
    return new Case(name, "POST", path, headers, jsonBody,
        PlainHandler.Work.QUERY, "select 1", null, STATUS_200, false, false, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  public Case bearer(String token) {
    return header("authorization", "Bearer " + token);
  }

  public Case header(String headerName, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(headerName, value);
    return new Case(name, method, path, Map.copyOf(h), body, baseline, baselineSql, bodies, expect,
        coldStart, keyAuthenticated, maxWarmup, maxIterations);
  }

  public Case baselineSql(String sql) {
    return new Case(name, method, path, headers, body, PlainHandler.Work.QUERY, sql, bodies, expect,
        coldStart, keyAuthenticated, maxWarmup, maxIterations);
  }

  public Case baseline(PlainHandler.Work work) {
    return new Case(name, method, path, headers, body, work, null, bodies, expect, coldStart, keyAuthenticated, maxWarmup, maxIterations);
  }

  /** Each request gets a body of its own from {@code supply}; {@link #body} is then only the first of them. */
  public Case bodies(IntFunction<List<String>> supply) {
    return new Case(name, method, path, headers, supply.apply(1).get(0), baseline, baselineSql, supply, expect,
        coldStart, keyAuthenticated, maxWarmup, maxIterations);
  }

  public Case expect(String text) {
    return new Case(name, method, path, headers, body, baseline, baselineSql, bodies, text, coldStart, keyAuthenticated, maxWarmup, maxIterations);
  }

  public Case withColdStart() {
    return new Case(name, method, path, headers, body, baseline, baselineSql, bodies, expect, true, keyAuthenticated, maxWarmup, maxIterations);
  }

  public Case withKeyAuthentication() {
    return new Case(name, method, path, headers, body, baseline, baselineSql, bodies, expect, coldStart, true, maxWarmup, maxIterations);
  }

  public Case atMost(int warmup, int iterations) {
    return new Case(name, method, path, headers, body, baseline, baselineSql, bodies, expect, coldStart, keyAuthenticated, warmup, iterations);
  }

  /** The catalog's function for this request, as API Gateway would route it. */
  public FunctionSpec function() {
    return route().function();
  }

  /** The payload 2.0 event API Gateway sends for this request, built from the AWS documentation sample. */
  public String event() {
    return event(body);
  }

  /**
   * Events for {@code count} requests: one event when they may all be the same, else {@code count}
   * events with bodies of their own.
   */
  public List<String> events(int count) {
    if (bodies == null) {
      return List.of(event(body));
    }
    return bodies.apply(count).stream().map(this::event).toList();
  }

  private String event(String requestBody) {
    RouteMatch route = route();
    byte[] bytes = requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8);
    return Events.http(method, path, "", route.function().http().routeKey(), route.pathParameters(), headers, bytes, false).toString();
  }

  private RouteMatch route() {
    return Catalog.bundled().route(method, path)
        .orElseThrow(() -> new IllegalStateException("no function in the catalog serves " + method + " " + path));
  }
}

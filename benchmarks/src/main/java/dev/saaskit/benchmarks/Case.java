package dev.saaskit.benchmarks;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.RouteMatch;
import dev.saaskit.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request measured everywhere: cold start, warm latency, throughput. The catalog decides which
 * function serves it (and so which artifact, initializer and bean); {@code baselineSql} is the
 * statement the plain-Java baseline runs for it, the same one the function runs. A bearer token
 * makes the baseline verify it too, as the function does.
 */
public record Case(String name, String method, String path, Map<String, String> headers, String body, String baselineSql) {

  public static Case get(String name, String path) {
    return new Case(name, "GET", path, Map.of("user-agent", "saaskit-benchmarks"), null, "select 1");
  }

  public static Case post(String name, String path, String jsonBody) {
    Map<String, String> headers = Map.of("user-agent", "saaskit-benchmarks", "content-type", "application/json");
    return new Case(name, "POST", path, headers, jsonBody, "select 1");
  }

  public Case bearer(String token) {
    return header("authorization", "Bearer " + token);
  }

  public Case header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Case(this.name, method, path, Map.copyOf(h), body, baselineSql);
  }

  public Case baselineSql(String sql) {
    return new Case(name, method, path, headers, body, sql);
  }

  /** The catalog's function for this request, as API Gateway would route it. */
  public FunctionSpec function() {
    return route().function();
  }

  /** The payload 2.0 event API Gateway sends for this request, built from the AWS documentation sample. */
  public String event() {
    RouteMatch route = route();
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    return Events.http(method, path, "", route.function().http().routeKey(), route.pathParameters(), headers, bytes, false).toString();
  }

  private RouteMatch route() {
    return Catalog.bundled().route(method, path)
        .orElseThrow(() -> new IllegalStateException("no function in the catalog serves " + method + " " + path));
  }
}

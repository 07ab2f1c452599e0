package dev.saaskit.workers.steps;

import dev.saaskit.shared.json.Json;
import dev.saaskit.workers.hosts.AllowedHosts;
import dev.saaskit.workers.templates.Definition;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code http} step: one request to a host on the organization's allow-list, through a client
 * that resolves names only through {@link GuardedResolver}. Redirects are followed here, not by the
 * client, each one checked again (scheme, allow-list, and at its connection the addresses). The
 * answer is read up to {@value #MAX_BODY_BYTES} bytes within the step's timeout. Output: {@code
 * {"status", "headers", "body"}} (the body parsed when it is JSON). 2xx succeeds; 408, 429, 5xx and
 * failures to connect or read are worth another attempt; anything else fails the step.
 */
final class HttpStep {

  static final int MAX_BODY_BYTES = 256 * 1024;
  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  /** Not carried to another host by a redirect. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

  private final CloseableHttpClient client = HttpClients.custom()
      .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
          .setDnsResolver(new GuardedResolver())
          .setDefaultConnectionConfig(ConnectionConfig.custom()
              .setConnectTimeout(Timeout.ofSeconds(5))
              .setSocketTimeout(Timeout.ofSeconds(60))
              .build())
          .build())
      .disableRedirectHandling()
      .disableAutomaticRetries()
      .disableCookieManagement()
      .disableAuthCaching()
      .disableContentCompression()
      .setUserAgent("saaskit-workers")
      .build();

  private record Exchange(int status, Map<String, String> headers, byte[] body) {}

  JsonNode call(Definition.Http http, JsonNode context, AllowedHosts hosts) {
    String method = http.method();
    String url = Expressions.text("http.url", http.url(), context);
    Map<String, String> headers = new LinkedHashMap<>();
    if (http.headers() != null) {
      http.headers().forEach((name, value) -> headers.put(name, Expressions.text("http.headers." + name, value, context)));
    }
    JsonNode body = Expressions.resolve("http.body", http.body(), context);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(http.timeout());
    URI uri = allowed(url, hosts);
    for (int redirects = 0; ; redirects++) {
      Exchange exchange = exchange(method, uri, headers, body, deadline);
      String location = exchange.headers().get("location");
      if (!REDIRECTS.contains(exchange.status()) || location == null) {
        return output(uri, exchange);
      }
      if (redirects == MAX_REDIRECTS) {
        throw new StepFailure("more than " + MAX_REDIRECTS + " redirects", false);
      }
      URI next = allowed(resolve(uri, location), hosts);
      if (!next.getHost().equalsIgnoreCase(uri.getHost())) {
        headers.keySet().removeIf(name -> CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
      }
      if (exchange.status() == 303 || ((exchange.status() == 301 || exchange.status() == 302) && !method.equals("HEAD"))) {
        method = "GET";
        body = null;
      }
      uri = next;
    }
  }

  /** An http(s) URL without credentials whose host the organization allows; anything else fails the step. */
  private static URI allowed(String url, AllowedHosts hosts) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StepFailure("'" + url + "' is not a URL", false);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new StepFailure("'" + url + "' is not an http or https URL with a host and without credentials", false);
    }
    if (!hosts.allow(uri.getHost())) {
      throw new StepFailure("the host '" + uri.getHost() + "' is not on the organization's allowed hosts", false);
    }
    return uri;
  }

  private static String resolve(URI base, String location) {
    try {
      return base.resolve(new URI(location)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new StepFailure("the redirect's location '" + location + "' is not a URL", false);
    }
  }

  private Exchange exchange(String method, URI uri, Map<String, String> headers, JsonNode body, long deadline) {
    HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
    headers.forEach(request::addHeader);
    if (body != null) {
      String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      request.setEntity(body.isString() && contentType != null && !contentType.contains("json")
          ? new StringEntity(body.asString(), ContentType.parse(contentType))
          : new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
    }
    request.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(remainingMillis(deadline)))
        .setResponseTimeout(Timeout.ofMilliseconds(remainingMillis(deadline)))
        .build());
    try {
      return client.execute(request, response -> new Exchange(response.getCode(), headers(response), read(response.getEntity(), deadline)));
    } catch (IOException e) {
      throw failure(uri, e);
    }
  }

  private static byte[] read(HttpEntity entity, long deadline) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = entity.getContent()) {
      byte[] buffer = new byte[MAX_BODY_BYTES + 1];
      int length = 0;
      int n;
      while (length < buffer.length && (n = in.read(buffer, length, Math.min(8192, buffer.length - length))) != -1) {
        length += n;
        remainingMillis(deadline);
      }
      if (length > MAX_BODY_BYTES) {
        throw new StepFailure("the answer is larger than " + MAX_BODY_BYTES / 1024 + " KiB", false);
      }
      return Arrays.copyOf(buffer, length);
    }
  }

  private static long remainingMillis(long deadline) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new StepFailure("no answer within the step's timeout", true);
    }
    return left;
  }

  private static Map<String, String> headers(ClassicHttpResponse response) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      headers.merge(h.getName().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
    }
    return headers;
  }

  private static StepFailure failure(URI uri, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GuardedResolver.Refused refused) {
        return new StepFailure(refused.getMessage(), false);
      }
    }
    if (e instanceof UnknownHostException) {
      return new StepFailure("cannot resolve '" + uri.getHost() + "'", true);
    }
    if (e instanceof InterruptedIOException) {
      return new StepFailure("no answer from " + uri.getHost() + " in time", true);
    }
    return new StepFailure("calling " + uri.getHost() + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
  }

  private static JsonNode output(URI uri, Exchange exchange) {
    ObjectNode output = Json.object();
    output.put("status", exchange.status());
    ObjectNode headers = output.putObject("headers");
    exchange.headers().forEach(headers::put);
    String text = new String(exchange.body(), StandardCharsets.UTF_8);
    JsonNode body = null;
    if (exchange.headers().getOrDefault("content-type", "").contains("json") && !text.isBlank()) {
      try {
        body = Json.tree(text);
      } catch (RuntimeException notJson) {
        // Kept as text below: the server said JSON and sent something else.
      }
    }
    output.set("body", body != null ? body : Json.MAPPER.getNodeFactory().stringNode(text));
    int status = exchange.status();
    if (status >= 200 && status < 300) {
      return output;
    }
    throw new StepFailure("HTTP " + status + " from " + uri.getHost(), status == 408 || status == 429 || status >= 500);
  }
}

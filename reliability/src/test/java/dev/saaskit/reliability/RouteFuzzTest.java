package dev.saaskit.reliability;

import dev.saaskit.local.OpenApiAccess;
import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.stripe.standin.StripeStandIn;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestEnvironment;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import dev.saaskit.testkit.logs.LogSecrets;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzing of every HTTP route of the catalog (issue 22): requests generated with jqwik's arbitraries from the
 * OpenAPI document (the handlers' request schemas: valid-looking bodies, fields missing, of the wrong type,
 * unknown, null, huge, bodies that are not JSON; path parameters that are UUIDs, the caller's own ids or junk;
 * {@code limit}/{@code cursor} and stray query parameters), sent through the Lambda entry point as a caller the
 * route admits. Every answer is below 500; every 4xx is problem+json with its status; and a write refused with a
 * 4xx leaves every table as it was (row count and newest row version of each). {@code RELIABILITY_FUZZ_TRIES}
 * requests per route (12 by default, 100 in {@code reliability/run}), each route from a seed of its own: a failure
 * names the seed and the request.
 */
@AddLifecycleHook(RouteFuzzTest.OnTheRealCatalogOnly.class)
class RouteFuzzTest {

  /** The fuzzing walks the real catalog: a focused run (-Dtest) also starts it in the test-domain fork, where it is skipped. */
  public static final class OnTheRealCatalogOnly implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return System.getProperty("CATALOG_RESOURCE") == null ? SkipResult.doNotSkip()
          : SkipResult.skip("this fork has the catalog " + System.getProperty("CATALOG_RESOURCE"));
    }
  }

  private static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private static final Map<String, Integer> failuresPerRoute = new ConcurrentHashMap<>();

  /** Tables a refused request writes by design, with the reason. */
  private static final Map<String, String> WRITTEN_ON_REFUSAL = Map.of(
      "api_key_usage", "an API key's usage counts its 4xx answers (README, API keys)",
      "api_key_rate_windows", "an API key's rate limit counts every request it authenticates, refused ones too",
      "login_throttles", "sign-in, change-password and the other throttled flows count attempts before judging them");

  /** Audit actions a refused request records by design, with the reason; any other audit entry of a refusal is a partial write. */
  private static final Map<String, String> AUDITED_ON_REFUSAL = Map.of(
      "user.login_failed", "a failed sign-in to a known account is a security event (README, Audit log)");

  private static final ObjectMapper PLAIN = JsonMapper.builder().build();
  private static final int TRIES = Integer.parseInt(Settings.get("RELIABILITY_FUZZ_TRIES", "12"));

  private static ObjectNode openApi;
  private static Tenant tenant;
  private static final Map<String, String> keys = new ConcurrentHashMap<>();
  private static final AtomicLong requests = new AtomicLong();
  private static final AtomicLong refusedWrites = new AtomicLong();
  private static final Map<Integer, Long> statuses = new TreeMap<>();
  private static int routes;

  @BeforeContainer
  static void environment() throws Exception {
    TestEnvironment.ensure();
    TestStorage.get();
    StripeStandIn stripe = StripeStandIn.start(0, StripeStandIn.newWebhookSecret(), (body, signature) -> 200);
    System.setProperty("STRIPE_API_KEY", "sk_test_stand_in");
    System.setProperty("STRIPE_API_BASE", stripe.apiBase());
    System.setProperty("STRIPE_WEBHOOK_SECRET", StripeStandIn.newWebhookSecret());
    Runtime.getRuntime().addShutdownHook(new Thread(stripe::close));
    openApi = OpenApiAccess.document(Catalog.bundled());
    tenant = Tenant.create();
  }

  @AfterContainer
  static void figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("routes", routes);
    f.put("tries_per_route", TRIES);
    f.put("requests", requests.get());
    f.put("refused_writes_checked", refusedWrites.get());
    synchronized (statuses) {
      statuses.forEach((status, n) -> f.put("status_" + status, n));
      f.put("status_5xx", statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum());
    }
    f.put("failures", failures.size());
    Figures.write("fuzzing", f);
    List<LogSecrets.Finding> secrets = LogSecrets.takeFindings();
    if (!failures.isEmpty() || !secrets.isEmpty()) {
      throw new AssertionError(failures.size() + " fuzzed requests broke a guarantee (at most 3 shown per route):\n  "
          + String.join("\n  ", failures) + (secrets.isEmpty() ? "" : "\nsecrets in log lines: " + secrets));
    }
  }

  @Provide
  Arbitrary<FunctionSpec> routes() {
    List<FunctionSpec> http = Catalog.bundled().functions().stream()
        .filter(f -> f.http() != null && !f.http().isDefault()).toList();
    routes = http.size();
    return Arbitraries.of(http);
  }

  @Provide
  Arbitrary<Integer> tries() {
    return Arbitraries.integers().between(0, TRIES - 1);
  }

  /**
   * Every route, {@code RELIABILITY_FUZZ_TRIES} times (exhaustive over route and try number); each try's request is
   * drawn by jqwik's generators from a seed of the route and the try, so a failure names what to replay.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 1_000_000)
  void every_route_answers_fuzzed_requests_without_5xx_with_problem_json_and_no_partial_write(
      @ForAll("routes") FunctionSpec route, @ForAll("tries") int tryNumber) {
    long seed = route.name().hashCode() * 1_000_003L + tryNumber + Long.getLong("reliability.fuzz.seed", 0L);
    Attempt attempt = attempts(route).generator(100).next(new Random(seed)).value();
    String failure;
    try {
      failure = check(route, attempt);
    } catch (RuntimeException | AssertionError e) {
      failure = "the test could not send it: " + e;
    }
    if (failure != null && failuresPerRoute.merge(route.name(), 1, Integer::sum) <= 3) {
      failures.add(route.http().routeKey() + " try " + tryNumber + " (seed " + seed + "): " + failure + "\n    request: " + attempt);
    }
  }

  private static String check(FunctionSpec route, Attempt a) {
    boolean write = !route.http().method().equals("GET");
    Map<String, String> before = write ? fingerprint() : Map.of();
    Api.Request request = Api.request(route.http().method().equals("ANY") ? "POST" : route.http().method(), a.pathAndQuery());
    if (a.credential() != null) {
      request.bearer(a.credential());
    }
    if (a.body() != null) {
      request.body(a.body().getBytes(StandardCharsets.UTF_8), a.contentType(), false);
    }
    ApiResponse r = request.send();
    requests.incrementAndGet();
    synchronized (statuses) {
      statuses.merge(r.status(), 1L, Long::sum);
    }
    if (r.status() >= 500) {
      return "answered " + r.status() + ": " + r.body();
    }
    if (r.status() >= 400) {
      String type = r.header("content-type");
      if (type == null || !type.startsWith("application/problem+json")) {
        return "answered " + r.status() + " as " + type + ", not problem+json: " + r.body();
      }
      JsonNode problem = Json.tree(r.body());
      if (problem.path("status").asInt() != r.status() || !problem.path("type").asString("").startsWith("/problems/")) {
        return "answered " + r.status() + " with a problem that does not say so: " + r.body();
      }
      if (write) {
        refusedWrites.incrementAndGet();
        Map<String, String> after = fingerprint();
        List<String> changed = new ArrayList<>();
        after.forEach((table, print) -> {
          if (!print.equals(before.get(table)) && !WRITTEN_ON_REFUSAL.containsKey(table)) {
            changed.add(table + " " + before.get(table) + " -> " + print);
          }
        });
        if (!changed.isEmpty()) {
          return "answered " + r.status() + " (" + problem.path("type").asString() + ") but wrote " + changed;
        }
      }
    }
    return null;
  }

  /**
   * Each table's row count and newest row version (max xmin): any insert, update or delete changes one. The audit log's
   * leaves out the entries a refusal records by design.
   */
  private static Map<String, String> fingerprint() {
    Map<String, String> prints = new TreeMap<>();
    for (Map<String, Object> row : TestDatabase.rows("""
        select t.tablename as name, (xpath('/row/c/text()', query_to_xml(format(
          'select count(*)::text || ''/'' || coalesce(max(xmin::text::bigint), 0)::text as c from %I.%I',
          t.schemaname, t.tablename), false, true, '')))[1]::text as print
        from pg_tables t where t.schemaname = current_schema()""")) {
      prints.put((String) row.get("name"), (String) row.get("print"));
    }
    prints.put("audit_logs", (String) TestDatabase.rows(
        "select count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text as print from audit_logs where action <> all(?)",
        (Object) AUDITED_ON_REFUSAL.keySet().toArray(new String[0])).getFirst().get("print"));
    return prints;
  }

  // ---- generation ----

  record Attempt(String pathAndQuery, String credential, String body, String contentType) {
    @Override
    public String toString() {
      String shown = body == null ? "no body" : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + ")" : body;
      String target = pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "...(" + pathAndQuery.length() + ")" : pathAndQuery;
      return target + " [" + contentType + "] " + shown + (credential == null ? " (no credential)" : "");
    }
  }

  private static Arbitrary<Attempt> attempts(FunctionSpec route) {
    JsonNode operation = openApi.path("paths").path(route.http().path())
        .path(route.http().method().equals("ANY") ? "x-any" : route.http().method().toLowerCase(java.util.Locale.ROOT));
    JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
    Arbitrary<String> path = path(route.http().path());
    Arbitrary<String> query = query(route.http().method().equals("GET"));
    Arbitrary<String> credential = credential(route);
    Arbitrary<String> body = bodySchema.isMissingNode() ? Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just((String) null)), net.jqwik.api.Tuple.of(1, junkBody()))
        : Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, value(bodySchema, 0).map(RouteFuzzTest::write)),
            net.jqwik.api.Tuple.of(2, junkBody()),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
    Arbitrary<String> contentType = Arbitraries.frequency(
        net.jqwik.api.Tuple.of(12, "application/json"), net.jqwik.api.Tuple.of(1, "text/plain"),
        net.jqwik.api.Tuple.of(1, "application/json; charset=utf-8"));
    return net.jqwik.api.Combinators.combine(path, query, credential, body, contentType)
        .as((p, q, c, b, t) -> new Attempt(p + q, c, b, b == null ? null : t));
  }

  private static Arbitrary<String> path(String template) {
    List<Arbitrary<String>> parts = new ArrayList<>();
    for (String segment : template.split("/", -1)) {
      if (segment.startsWith("{")) {
        String name = segment.substring(1, segment.length() - 1);
        parts.add(pathParameter(name).map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
      } else {
        parts.add(Arbitraries.just(segment));
      }
    }
    return Combinators.join(parts, "/");
  }

  private static Arbitrary<String> pathParameter(String name) {
    Arbitrary<String> ownIds = Arbitraries.of(Stream.concat(Stream.of(tenant.organizationId()), tenant.members().values().stream())
        .map(UUID::toString).toList());
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.create(() -> UUID.randomUUID().toString())),
        net.jqwik.api.Tuple.of(3, ownIds),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(tenant.slug(), "default", "logo", "favicon", "email", "en", "free", "pro")),
        net.jqwik.api.Tuple.of(3, junkString()));
  }

  private static Arbitrary<String> query(boolean list) {
    Arbitrary<String> limit = Arbitraries.oneOf(Arbitraries.integers().between(-5, 150).map(String::valueOf),
        Arbitraries.of("", "abc", "1e3", "99999999999999999999", "20"));
    Arbitrary<String> cursor = Arbitraries.oneOf(Arbitraries.strings().withCharRange('A', 'z').ofMaxLength(30), junkString(),
        Arbitraries.just(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes())));
    Arbitrary<String> one = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(list ? 4 : 1, limit.map(v -> "limit=" + enc(v))),
        net.jqwik.api.Tuple.of(list ? 3 : 1, cursor.map(v -> "cursor=" + enc(v))),
        net.jqwik.api.Tuple.of(2, Combinators.pair(Arbitraries.of("status", "q", "type", "from", "to", "x", "include"), junkString())
            .map(p -> p.get1() + "=" + enc(p.get2()))));
    return one.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static Arbitrary<String> credential(FunctionSpec route) {
    Access access = route.access();
    if (access.mode() == Access.Mode.PUBLIC) {
      return Arbitraries.frequency(net.jqwik.api.Tuple.of(8, (String) null), net.jqwik.api.Tuple.of(1, "not-a-token"),
          net.jqwik.api.Tuple.of(1, tenant.token(Role.ORG_ADMIN)));
    }
    List<String> admitted = new ArrayList<>();
    for (Role role : access.roles()) {
      if (role.isPlatformRole()) {
        admitted.add(TestTokens.get().accessToken(tenant.member(Role.ORG_ADMIN), tenant.organizationId(), Role.ORG_ADMIN, role));
      } else {
        admitted.add(tenant.token(role));
      }
    }
    if (access.roles().isEmpty() && access.mode() != Access.Mode.PUBLIC) {
      admitted.add(tenant.token(Role.ORG_ADMIN));
    }
    if (access.acceptsApiKeys()) {
      admitted.add(keys.computeIfAbsent(String.join(",", new java.util.TreeSet<>(access.apiKeyScopes())),
          scopes -> tenant.apiKey(scopes.split(",")).secret()));
    }
    return Arbitraries.of(admitted);
  }

  /** A value for a JSON Schema of the document, now and then of the wrong type. */
  private static Arbitrary<Object> value(JsonNode schema, int depth) {
    if (schema.has("$ref")) {
      String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
      JsonNode resolved = openApi.path("components").path("schemas").path(name);
      return depth > 4 ? Arbitraries.just(null) : Arbitraries.lazy(() -> value(resolved, depth + 1));
    }
    Arbitrary<Object> right = rightValue(schema, depth);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, right), net.jqwik.api.Tuple.of(1, wrongValue()));
  }

  private static Arbitrary<Object> rightValue(JsonNode schema, int depth) {
    if (schema.has("enum")) {
      List<Object> values = new ArrayList<>();
      schema.path("enum").forEach(v -> values.add(v.asString()));
      return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.of(values)), net.jqwik.api.Tuple.of(1, junkString().map(s -> s)));
    }
    String type = schema.path("type").asString("");
    String format = schema.path("format").asString("");
    return switch (type) {
      case "string" -> switch (format) {
        case "uuid" -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.create(() -> (Object) UUID.randomUUID().toString())),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(tenant.members().values().stream().map(u -> (Object) u.toString()).toList())),
            net.jqwik.api.Tuple.of(1, junkString().map(s -> s)));
        case "date-time" -> Arbitraries.of("2026-12-01T10:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:00:00Z",
            "yesterday", "").map(s -> s);
        case "date" -> Arbitraries.of("2026-12-01", "0000-00-00", "2026-02-30", "x").map(s -> s);
        default -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars(" -_.@").ofMaxLength(30).map(s -> s)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of("ada@example.com", "correct horse battery staple", "#336699", "https://example.com/x",
                "en", "Europe/Berlin", "{{name}}", "<script>alert(1)</script>").map(s -> s)),
            net.jqwik.api.Tuple.of(2, junkString().map(s -> s)));
      };
      case "integer" -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(-10, 1000).map(i -> i)),
          net.jqwik.api.Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0).map(i -> i)));
      case "number" -> Arbitraries.of(0.0, -1.5, 1e308, 3.14159, 100).map(n -> n);
      case "boolean" -> Arbitraries.of(true, false).map(b -> b);
      case "array" -> depth > 4 ? Arbitraries.just(List.of())
          : value(schema.path("items"), depth + 1).list().ofMaxSize(4).map(l -> l);
      case "object" -> object(schema, depth);
      default -> Arbitraries.oneOf(wrongValue(), Arbitraries.just("x"));
    };
  }

  private static Arbitrary<Object> object(JsonNode schema, int depth) {
    JsonNode properties = schema.path("properties");
    if (!properties.isObject() || depth > 4) {
      return Arbitraries.oneOf(Arbitraries.just(Map.of()), Arbitraries.just(Map.of("key", "value")));
    }
    List<Arbitrary<Map.Entry<String, Object>>> fields = new ArrayList<>();
    Set<String> required = new java.util.HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asString()));
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String name = p.getKey();
      Arbitrary<Map.Entry<String, Object>> present = value(p.getValue(), depth + 1).map(v -> new java.util.AbstractMap.SimpleEntry<>(name, v));
      fields.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, present),
          net.jqwik.api.Tuple.of(required.contains(name) ? 1 : 3, Arbitraries.just(null))));
    }
    Arbitrary<Map.Entry<String, Object>> extra = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new java.util.AbstractMap.SimpleEntry<>("unknown_field", 1))));
    fields.add(extra);
    return Combinators.list(fields).map(entries -> {
      Map<String, Object> m = new LinkedHashMap<>();
      entries.stream().filter(e -> e != null).forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    });
  }

  private static Arbitrary<Object> wrongValue() {
    return Arbitraries.of(List.of(1, "x", true, List.of(), Map.of(), -1, "", 1.5)).map(v -> v).injectNull(0.3);
  }

  private static Arbitrary<String> junkString() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(20).filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("", " ", "..", "../../etc/passwd", "%00", "\u0000", "null", "' or 1=1 --", "\u202e\u200b",
            "😀", "-1", "0", "00000000-0000-0000-0000-000000000000", "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ", "${jndi:ldap://x}")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofLength(5000)));
  }

  private static Arbitrary<String> junkBody() {
    return Arbitraries.of("", "not json", "{", "[]", "[1,2]", "null", "42", "\"text\"", "{\"a\":", "{\"a\":1}{}", "\u0000\u0001",
        "{" + "\"a\":{".repeat(300) + "}".repeat(301), "{\"x\":\"" + "y".repeat(2_000_000) + "\"}");
  }

  private static String write(Object value) {
    return PLAIN.writeValueAsString(value);
  }

  /** jqwik's combinators over lists, which its API spells with types this file would otherwise repeat. */
  private static final class Combinators {
    static Arbitrary<String> join(List<Arbitrary<String>> parts, String separator) {
      return net.jqwik.api.Combinators.combine(parts).as(values -> String.join(separator, values));
    }

    static <T> Arbitrary<List<T>> list(List<Arbitrary<T>> parts) {
      return net.jqwik.api.Combinators.combine(parts).as(values -> values);
    }

    static <A, B> Arbitrary<net.jqwik.api.Tuple.Tuple2<A, B>> pair(Arbitrary<A> a, Arbitrary<B> b) {
      return net.jqwik.api.Combinators.combine(a, b).as(net.jqwik.api.Tuple::of);
    }
  }
}

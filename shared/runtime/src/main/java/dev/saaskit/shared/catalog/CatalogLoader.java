package dev.saaskit.shared.catalog;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses and validates the catalog. Every mistake is reported with the entry it is in: unknown
 * keys, missing or duplicate names, duplicate routes and beans, undefined queues, bad schedule
 * expressions, sizes outside Lambda's limits.
 */
public final class CatalogLoader {

  private static final Set<String> TOP_KEYS = Set.of("defaults", "modules", "queues", "functions");
  /** The kinds of access rule that route throttling defaults are given for (the catalog's defaults.throttle). */
  public static final String ACCESS_PUBLIC = "public";
  public static final String ACCESS_SIGNED_IN = "signed_in";
  public static final String ACCESS_API_KEY = "api_key";
  /** SQS keeps a message at most 14 days; a dead-letter queue must keep it longer than its queue did. */
  public static final int MAX_QUEUE_RETENTION_DAYS = 13;
  public static final int DEFAULT_MAX_CONCURRENCY = 5;
  private static final Set<String> DEFAULT_KEYS = Set.of("memory", "timeout", "throttle");
  private static final Set<String> MODULE_KEYS = Set.of("initializer", "settings", "sends_email", "sends_sms");
  private static final Set<String> SETTING_KEYS = Set.of("parameter", "description", "default", "pattern", "secret");
  private static final Set<String> SENDS_EMAIL_KEYS = Set.of("feedback_queue");
  private static final Set<String> QUEUE_KEYS = Set.of("visibility_timeout", "retention_days");
  private static final Set<String> FUNCTION_KEYS = Set.of("name", "module", "handler", "http", "sqs", "schedule", "direct", "logs", "access",
      "memory", "timeout", "signs_tokens", "throttle", "reserved_concurrency");
  private static final Set<String> TRIGGERS = Set.of("http", "sqs", "schedule", "direct", "logs");
  private static final Set<String> HTTP_KEYS = Set.of("method", "path");
  private static final Set<String> SQS_KEYS = Set.of("queue", "batch_size", "batching_window", "max_receives", "max_concurrency");
  private static final Set<String> THROTTLE_KEYS = Set.of("rate", "burst");
  /** Route throttling by access rule, unless the catalog's defaults or the function say otherwise. */
  public static final Map<String, FunctionSpec.Throttle> DEFAULT_THROTTLES = Map.of(
      ACCESS_PUBLIC, new FunctionSpec.Throttle(50, 100),
      ACCESS_SIGNED_IN, new FunctionSpec.Throttle(200, 400),
      ACCESS_API_KEY, new FunctionSpec.Throttle(500, 1000));
  private static final Set<String> SCHEDULE_KEYS = Set.of("expression");
  private static final Set<String> DIRECT_KEYS = Set.of("on_deploy");
  private static final Set<String> ACCESS_KEYS = Set.of("roles", "api_key_scopes");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "ANY");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,47}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
  private static final Pattern CLASS_NAME = Pattern.compile("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*");
  private static final Pattern PATH = Pattern.compile("(/([a-z0-9._-]+|\\{[a-z_]+\\}))+|/");
  private static final Pattern SCOPE = Pattern.compile("[a-z_]+:(read|write)");
  private static final Pattern RATE = Pattern.compile("rate\\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((\\S+ ){5}\\S+\\)");

  private CatalogLoader() {}

  /**
   * Parses a catalog: JSON when {@code source} ends in {@code .json} (what the build bundles, read at
   * cold start without a YAML parser), YAML otherwise.
   */
  public static Catalog parse(byte[] content, String source) {
    return new CatalogLoader.Reader(source).read(tree(content, source));
  }

  /** The catalog's content as a tree, checked to be a mapping; the build writes it out as JSON. */
  static JsonNode tree(byte[] content, String source) {
    boolean json = source.endsWith(".json");
    JsonNode root;
    try {
      root = json ? Json.MAPPER.readTree(content) : new YAMLMapper().readTree(content);
    } catch (JacksonException e) {
      throw new CatalogException(source + ": not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CatalogException(source + ": expected a mapping with 'modules', 'queues' and 'functions'");
    }
    return root;
  }

  private static final class Reader {
    private final String source;
    private final List<String> errors = new ArrayList<>();

    Reader(String source) {
      this.source = source;
    }

    Catalog read(JsonNode root) {
      keys(root, TOP_KEYS, "the catalog");
      JsonNode defaults = root.path("defaults");
      keys(defaults, DEFAULT_KEYS, "defaults");
      int defaultMemory = defaults.path("memory").asInt(512);
      int defaultTimeout = defaults.path("timeout").asInt(10);
      Map<String, FunctionSpec.Throttle> defaultThrottles = new HashMap<>(DEFAULT_THROTTLES);
      keys(defaults.path("throttle"), DEFAULT_THROTTLES.keySet(), "defaults throttle");
      for (String kind : DEFAULT_THROTTLES.keySet()) {
        if (defaults.path("throttle").has(kind)) {
          defaultThrottles.put(kind, throttle(defaults.path("throttle").path(kind), "defaults throttle " + kind));
        }
      }

      Map<String, QueueSpec> queues = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> q : root.path("queues").properties()) {
        String where = "queue '" + q.getKey() + "'";
        if (!NAME.matcher(q.getKey()).matches()) {
          error(where + ": queue names are lower-case words joined by '-'");
        }
        keys(q.getValue(), QUEUE_KEYS, where);
        int visibility = intIn(q.getValue(), "visibility_timeout", 60, 0, 43_200, where);
        int retention = intIn(q.getValue(), "retention_days", 4, 1, MAX_QUEUE_RETENTION_DAYS, where);
        queues.put(q.getKey(), new QueueSpec(q.getKey(), visibility, retention));
      }

      Map<String, ModuleSpec> modules = new LinkedHashMap<>();
      Map<String, ModuleSpec.Setting> parameters = new HashMap<>();
      Map<String, String> feedbackQueues = new HashMap<>();
      for (Map.Entry<String, JsonNode> m : root.path("modules").properties()) {
        String where = "module '" + m.getKey() + "'";
        keys(m.getValue(), MODULE_KEYS, where);
        String initializer = text(m.getValue(), "initializer", where);
        if (initializer != null && !CLASS_NAME.matcher(initializer).matches()) {
          error(where + ": initializer '" + initializer + "' is not a class name");
        }
        Map<String, ModuleSpec.Setting> settings = settings(m.getValue().path("settings"), where, parameters);
        String feedbackQueue = null;
        JsonNode email = m.getValue().path("sends_email");
        if (!email.isMissingNode()) {
          keys(email, SENDS_EMAIL_KEYS, where + " sends_email");
          feedbackQueue = text(email, "feedback_queue", where + " sends_email");
          if (feedbackQueue != null && !queues.containsKey(feedbackQueue)) {
            error(where + " sends_email: feedback_queue '" + feedbackQueue + "' is not defined under 'queues'");
          } else if (feedbackQueue != null && feedbackQueues.putIfAbsent(feedbackQueue, m.getKey()) != null) {
            error(where + " sends_email: feedback_queue '" + feedbackQueue + "' already takes module '"
                + feedbackQueues.get(feedbackQueue) + "'s reports; a queue takes one module's");
          }
        }
        JsonNode sms = m.getValue().path("sends_sms");
        if (!sms.isMissingNode() && !sms.isBoolean()) {
          error(where + ": 'sends_sms' must be true or false");
        }
        modules.put(m.getKey(), new ModuleSpec(m.getKey(), initializer, settings, feedbackQueue, sms.asBoolean(false)));
      }

      List<FunctionSpec> functions = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Map<String, String> routes = new HashMap<>();
      Map<String, String> beans = new HashMap<>();
      Map<String, String> consumers = new HashMap<>();
      JsonNode list = root.path("functions");
      if (!list.isArray()) {
        error("'functions' must be a list");
      }
      int index = 0;
      for (JsonNode f : list) {
        index++;
        String name = f.path("name").isString() ? f.path("name").asString() : null;
        String where = name == null ? "function #" + index : "function '" + name + "'";
        if (!f.isObject()) {
          error(where + ": expected a mapping");
          continue;
        }
        keys(f, FUNCTION_KEYS, where);
        if (name == null) {
          error(where + ": 'name' is required");
        } else if (!NAME.matcher(name).matches()) {
          error(where + ": name must be lower-case words joined by '-', at most 48 characters");
        } else if (!names.add(name)) {
          error(where + ": duplicate name");
        }
        String module = text(f, "module", where);
        if (module != null && !modules.containsKey(module)) {
          error(where + ": module '" + module + "' is not defined under 'modules'");
        }
        String handler = text(f, "handler", where);
        String bean = null;
        if (handler != null && !CLASS_NAME.matcher(handler).matches()) {
          error(where + ": handler '" + handler + "' is not a class name");
        } else if (handler != null) {
          bean = beanOf(handler);
          String previous = module == null ? null : beans.putIfAbsent(module + "/" + bean, String.valueOf(name));
          if (previous != null) {
            error(where + ": handler " + handler + " makes bean '" + bean + "' of module '" + module + "', which '" + previous + "' has already");
          }
        }
        Trigger trigger = trigger(f, where, queues, routes, consumers, name);
        Access access = access(f, where, trigger);
        int memory = intIn(f, "memory", defaultMemory, 128, 10_240, where);
        int timeout = intIn(f, "timeout", defaultTimeout, 1, 900, where);
        if (trigger instanceof Trigger.Http && timeout > 30) {
          error(where + ": HTTP functions time out at API Gateway after 30 s; timeout must be at most 30");
        }
        JsonNode signsTokens = f.path("signs_tokens");
        if (!signsTokens.isMissingNode() && !signsTokens.isBoolean()) {
          error(where + ": 'signs_tokens' must be true or false");
        }
        FunctionSpec.Throttle throttle = null;
        if (f.has("throttle") && !(trigger instanceof Trigger.Http)) {
          error(where + ": only HTTP functions take a 'throttle'");
        } else if (f.has("throttle")) {
          keys(f.path("throttle"), THROTTLE_KEYS, where + " throttle");
          throttle = throttle(f.path("throttle"), where + " throttle");
        } else if (trigger instanceof Trigger.Http) {
          throttle = defaultThrottles.get(accessKind(access));
        }
        Integer reserved = f.has("reserved_concurrency") ? intIn(f, "reserved_concurrency", 1, 1, 1000, where) : null;
        functions.add(new FunctionSpec(name, module, bean, handler, trigger, access, memory, timeout,
            signsTokens.asBoolean(false), throttle, reserved));
      }
      if (!errors.isEmpty()) {
        throw new CatalogException(source + " is not valid:\n  - " + String.join("\n  - ", errors));
      }
      return new Catalog(modules, queues, functions);
    }

    /**
     * A module's settings: each an environment variable with a fixed text, or {parameter: name,
     * description, default, pattern, secret}. A parameter two modules name must be declared alike.
     */
    private Map<String, ModuleSpec.Setting> settings(JsonNode node, String module, Map<String, ModuleSpec.Setting> parameters) {
      Map<String, ModuleSpec.Setting> settings = new LinkedHashMap<>();
      if (node.isMissingNode()) {
        return settings;
      }
      if (!node.isObject()) {
        error(module + ": 'settings' must be a mapping of environment variables");
        return settings;
      }
      for (Map.Entry<String, JsonNode> s : node.properties()) {
        String where = module + " setting " + s.getKey();
        if (!VARIABLE.matcher(s.getKey()).matches()) {
          error(where + ": an environment variable's name is upper-case letters, digits and '_'");
        }
        JsonNode v = s.getValue();
        if (v.isString() || v.isNumber() || v.isBoolean()) {
          settings.put(s.getKey(), ModuleSpec.Setting.fixed(v.asString()));
          continue;
        }
        if (!v.isObject()) {
          error(where + ": expected a text or {parameter: ..., description: ...}");
          continue;
        }
        keys(v, SETTING_KEYS, where);
        String parameter = text(v, "parameter", where);
        String description = text(v, "description", where);
        if (parameter != null && !PARAMETER.matcher(parameter).matches()) {
          error(where + ": parameter '" + parameter + "' must be lower-case words joined by '_'");
        }
        JsonNode secret = v.path("secret");
        if (!secret.isMissingNode() && !secret.isBoolean()) {
          error(where + ": 'secret' must be true or false");
        }
        String fallback = v.has("default") ? v.path("default").asString() : null;
        if (secret.asBoolean(false) && (fallback != null || v.has("pattern"))) {
          error(where + ": a secret's parameter is a secret's ARN: it takes no default or pattern");
        }
        String pattern = v.has("pattern") ? v.path("pattern").asString() : null;
        if (pattern != null) {
          try {
            Pattern compiled = Pattern.compile(pattern);
            if (fallback != null && !compiled.matcher(fallback).matches()) {
              error(where + ": default '" + fallback + "' does not match its pattern");
            }
          } catch (java.util.regex.PatternSyntaxException e) {
            error(where + ": pattern is not a regular expression: " + e.getDescription());
          }
        }
        ModuleSpec.Setting setting = new ModuleSpec.Setting(null, parameter, description, fallback, pattern, secret.asBoolean(false));
        if (parameter != null) {
          ModuleSpec.Setting previous = parameters.putIfAbsent(parameter, setting);
          if (previous != null && (previous.secret() != setting.secret() || !java.util.Objects.equals(previous.defaultValue(), fallback)
              || !java.util.Objects.equals(previous.pattern(), pattern))) {
            error(where + ": parameter '" + parameter + "' is declared elsewhere with another default, pattern or secret flag");
          }
        }
        settings.put(s.getKey(), setting);
      }
      return settings;
    }

    private Trigger trigger(
        JsonNode f, String where, Map<String, QueueSpec> queues, Map<String, String> routes,
        Map<String, String> consumers, String name) {
      List<String> present = new ArrayList<>();
      for (String t : TRIGGERS) {
        if (f.has(t)) {
          present.add(t);
        }
      }
      if (present.size() != 1) {
        error(where + ": needs exactly one trigger of http, sqs, schedule, direct, logs; has " + (present.isEmpty() ? "none" : present));
        return null;
      }
      String kind = present.get(0);
      JsonNode t = f.get(kind);
      String tw = where + " " + kind;
      switch (kind) {
        case "http" -> {
          keys(t, HTTP_KEYS, tw);
          String method = text(t, "method", tw);
          String path = text(t, "path", tw);
          if (method == null || path == null) {
            return null;
          }
          if (!METHODS.contains(method)) {
            error(tw + ": method '" + method + "' is not one of " + METHODS);
          }
          if (!Trigger.Http.DEFAULT_PATH.equals(path) && !PATH.matcher(path).matches()) {
            error(tw + ": path '" + path + "' must be '/'-separated lower-case segments or {snake_case} parameters");
          }
          Trigger.Http http = new Trigger.Http(method, path);
          String normalized = Trigger.Http.DEFAULT_PATH.equals(path) ? path : method + " " + path.replaceAll("\\{[a-z_]+\\}", "{}");
          String previous = routes.putIfAbsent(normalized, String.valueOf(name));
          if (previous != null) {
            error(tw + ": route " + http.routeKey() + " is already served by '" + previous + "'");
          }
          return http;
        }
        case "sqs" -> {
          keys(t, SQS_KEYS, tw);
          String queue = text(t, "queue", tw);
          if (queue != null && !queues.containsKey(queue)) {
            error(tw + ": queue '" + queue + "' is not defined under 'queues'");
          }
          if (queue != null) {
            String previous = consumers.putIfAbsent(queue, String.valueOf(name));
            if (previous != null) {
              error(tw + ": queue '" + queue + "' is already consumed by '" + previous + "'");
            }
          }
          int batch = intIn(t, "batch_size", 10, 1, 10_000, tw);
          int window = intIn(t, "batching_window", 0, 0, 300, tw);
          if (batch > 10 && window == 0) {
            error(tw + ": a batch_size above 10 needs a batching_window of at least 1 second");
          }
          int receives = intIn(t, "max_receives", 5, 1, 1000, tw);
          // Lambda's maximum concurrency of an SQS event source is at least 2.
          int concurrency = intIn(t, "max_concurrency", DEFAULT_MAX_CONCURRENCY, 2, 1000, tw);
          return new Trigger.Sqs(queue, batch, window, receives, concurrency);
        }
        case "schedule" -> {
          keys(t, SCHEDULE_KEYS, tw);
          String expression = text(t, "expression", tw);
          if (expression != null && !RATE.matcher(expression).matches() && !CRON.matcher(expression).matches()) {
            error(tw + ": expression '" + expression + "' is neither rate(N unit) nor cron(6 fields)");
          }
          if (expression != null) {
            var rate = RATE.matcher(expression);
            if (rate.matches() && rate.group(1).equals("1") != !rate.group(2).endsWith("s")) {
              error(tw + ": expression '" + expression + "' must say '1 minute' or 'N minutes'");
            }
          }
          return new Trigger.Schedule(expression);
        }
        case "logs" -> {
          if (!t.isObject() || !t.isEmpty()) {
            error(tw + ": expected an empty mapping: logs: {}");
          }
          String previous = consumers.putIfAbsent("logs:", String.valueOf(name));
          if (previous != null) {
            error(tw + ": the platform's invocation records already go to '" + previous + "'; one function receives them");
          }
          return new Trigger.Logs();
        }
        default -> {
          if (!t.isObject()) {
            error(tw + ": expected a mapping, e.g. {on_deploy: true}");
            return null;
          }
          keys(t, DIRECT_KEYS, tw);
          return new Trigger.Direct(t.path("on_deploy").asBoolean(false));
        }
      }
    }

    private FunctionSpec.Throttle throttle(JsonNode node, String where) {
      if (!node.isObject()) {
        error(where + ": expected a mapping {rate: N, burst: N}");
        return null;
      }
      keys(node, THROTTLE_KEYS, where);
      if (!node.has("rate") || !node.has("burst")) {
        error(where + ": needs both 'rate' (requests per second) and 'burst'");
      }
      return new FunctionSpec.Throttle(intIn(node, "rate", 1, 1, 10_000, where), intIn(node, "burst", 1, 1, 5_000, where));
    }

    private Access access(JsonNode f, String where, Trigger trigger) {
      JsonNode a = f.get("access");
      boolean http = trigger instanceof Trigger.Http;
      if (a == null) {
        if (http) {
          error(where + ": HTTP functions need an 'access' rule");
        }
        return Access.INTERNAL;
      }
      if (!http) {
        error(where + ": only HTTP functions take an 'access' rule");
        return Access.INTERNAL;
      }
      if (a.isString()) {
        return switch (a.asString()) {
          case "public" -> Access.PUBLIC;
          case "signed_in" -> Access.SIGNED_IN;
          default -> {
            error(where + ": access '" + a.asString() + "' is not public, signed_in or a mapping of roles / api_key_scopes");
            yield Access.INTERNAL;
          }
        };
      }
      if (!a.isObject()) {
        error(where + ": access must be public, signed_in, or {roles: [...], api_key_scopes: [...]}");
        return Access.INTERNAL;
      }
      keys(a, ACCESS_KEYS, where + " access");
      Set<Role> roles = new LinkedHashSet<>();
      for (String code : strings(a, "roles", where + " access")) {
        Role.fromCode(code).ifPresentOrElse(roles::add, () -> error(where + " access: unknown role '" + code + "'"));
      }
      Set<String> scopes = new LinkedHashSet<>();
      for (String scope : strings(a, "api_key_scopes", where + " access")) {
        if (!SCOPE.matcher(scope).matches()) {
          error(where + " access: scope '" + scope + "' must look like 'resource:read' or 'resource:write'");
        }
        scopes.add(scope);
      }
      return new Access(Access.Mode.SIGNED_IN, roles, scopes);
    }

    private List<String> strings(JsonNode node, String key, String where) {
      JsonNode v = node.get(key);
      if (v == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (!v.isArray() || v.isEmpty()) {
        error(where + ": '" + key + "' must be a non-empty list");
        return out;
      }
      for (JsonNode item : v) {
        if (!item.isString()) {
          error(where + ": '" + key + "' must list strings");
        } else {
          out.add(item.asString());
        }
      }
      return out;
    }

    private void keys(JsonNode node, Set<String> allowed, String where) {
      if (node.isMissingNode()) {
        return;
      }
      if (!node.isObject()) {
        error(where + ": expected a mapping");
        return;
      }
      for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          error(where + ": unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
        }
      }
    }

    private String text(JsonNode node, String key, String where) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        error(where + ": '" + key + "' is required");
        return null;
      }
      if (!v.isString() || v.asString().isBlank()) {
        error(where + ": '" + key + "' must be a non-empty string");
        return null;
      }
      return v.asString();
    }

    private int intIn(JsonNode node, String key, int fallback, int min, int max, String where) {
      JsonNode v = node.get(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isInt()) {
        error(where + ": '" + key + "' must be a whole number");
        return fallback;
      }
      if (v.asInt() < min || v.asInt() > max) {
        error(where + ": '" + key + "' is " + v.asInt() + ", must be between " + min + " and " + max);
      }
      return v.asInt();
    }

    private void error(String message) {
      errors.add(message);
    }
  }

  /** Which of the throttling defaults an access rule takes: public, api_key (routes that accept keys) or signed_in. */
  public static String accessKind(Access access) {
    if (access.mode() == Access.Mode.PUBLIC) {
      return ACCESS_PUBLIC;
    }
    return access.acceptsApiKeys() ? ACCESS_API_KEY : ACCESS_SIGNED_IN;
  }

  /** A handler's bean: its class's simple name, decapitalised ({@code dev.saaskit.identity.sessions.Refresh} -> {@code refresh}). */
  public static String beanOf(String handlerClass) {
    String simple = handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }
}

package dev.saaskit.workers.templates;

import dev.saaskit.shared.validation.Violations;
import dev.saaskit.workers.steps.Expressions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a template must be to be saved: steps with unique keys forming a DAG (no cycle, no reference
 * to a step that does not exist), each with exactly the settings of its type, parameters with a
 * known type and a default of that type, and expressions that parse. Every broken rule is a field
 * error naming where it is, e.g. {@code steps[2].depends_on[0]}.
 */
final class DefinitionRules {

  static final int MAX_STEPS = 100;
  static final int MAX_PARAMETERS = 50;
  static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  static final List<String> JOB_ENDINGS = List.of("succeeded", "failed", "canceled");
  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$");
  /** Set by the HTTP client from the request itself. */
  private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te");
  private static final Pattern NOTIFICATION_TEMPLATE = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");

  private DefinitionRules() {}

  static void validate(Violations v, Definition d) {
    v.text("name", d.name(), 100);
    v.optionalText("description", d.description(), 1000);
    parameters(v, d.parametersOrNone());
    if (v.required("steps", d.steps())) {
      steps(v, d.steps());
    }
    if (d.jobNotice() != null) {
      jobNotice(v, d.jobNotice());
    }
  }

  private static void parameters(Violations v, Map<String, Definition.Parameter> parameters) {
    if (parameters.size() > MAX_PARAMETERS) {
      v.add("parameters", "must have at most " + MAX_PARAMETERS + " parameters");
      return;
    }
    parameters.forEach((name, p) -> {
      String field = "parameters." + name;
      if (!KEY.matcher(name).matches()) {
        v.add(field, "must be a name of lower-case letters, digits and _, starting with a letter");
      }
      if (p == null) {
        v.add(field, "is required");
        return;
      }
      if (v.required(field + ".type", p.type()) && v.oneOf(field + ".type", p.type(), Definition.PARAMETER_TYPES)
          && p.defaultValue() != null && !ParameterTypes.matches(p.type(), p.defaultValue())) {
        v.add(field + ".default", "must be " + ParameterTypes.describe(p.type()));
      }
    });
  }

  private static void steps(Violations v, List<Definition.Step> steps) {
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      v.add("steps", "must have 1 to " + MAX_STEPS + " steps");
      return;
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Definition.Step s = steps.get(i);
      String field = "steps[" + i + "]";
      if (s == null) {
        v.add(field, "is required");
      } else if (v.pattern(field + ".key", s.key(), KEY, "lower-case letters, digits and _, starting with a letter")
          && index.putIfAbsent(s.key(), i) != null) {
        v.add(field + ".key", "is the key of an earlier step");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Definition.Step s = steps.get(i);
      if (s != null) {
        step(v, "steps[" + i + "]", s, index, steps);
      }
    }
    if (v.isEmpty()) {
      cycles(v, steps, index);
    }
  }

  private static void step(Violations v, String field, Definition.Step s, Map<String, Integer> index, List<Definition.Step> steps) {
    List<String> dependsOn = s.predecessors();
    if (v.distinct(field + ".depends_on", dependsOn)) {
      for (int j = 0; j < dependsOn.size(); j++) {
        String predecessor = dependsOn.get(j);
        if (predecessor.equals(s.key())) {
          v.add(field + ".depends_on[" + j + "]", "must not name the step itself");
        } else if (!index.containsKey(predecessor)) {
          v.add(field + ".depends_on[" + j + "]", "names no step of the template: '" + predecessor + "'");
        }
      }
    }
    if (s.retry() != null) {
      v.range(field + ".retry.max_attempts", s.retry().maxAttempts(), 1, 10);
      v.range(field + ".retry.backoff_seconds", s.retry().backoffSeconds(), 0, 3600);
    }
    if (!v.required(field + ".type", s.type()) || !v.oneOf(field + ".type", s.type(), Definition.STEP_TYPES)) {
      return;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("http", s.http());
    settings.put("notify", s.notification());
    settings.put("delay", s.delay());
    settings.put("transform", s.transform());
    settings.put("branch", s.branch());
    settings.forEach((type, value) -> {
      if (type.equals(s.type()) && value == null) {
        v.add(field + "." + type, "is required for a step of type " + type);
      } else if (!type.equals(s.type()) && value != null) {
        v.add(field + "." + type, "belongs to a step of type " + type + ", not " + s.type());
      }
    });
    switch (s.type()) {
      case "http" -> {
        if (s.http() != null) {
          http(v, field + ".http", s.http());
        }
      }
      case "notify" -> {
        if (s.notification() != null) {
          notification(v, field + ".notify", s.notification());
        }
      }
      case "delay" -> {
        if (s.delay() != null && v.required(field + ".delay.seconds", s.delay().seconds())) {
          v.range(field + ".delay.seconds", s.delay().seconds(), 1, 7 * 24 * 3600);
        }
      }
      case "transform" -> {
        if (s.transform() != null && v.required(field + ".transform.output", s.transform().output())) {
          Expressions.checkEmbedded(v, field + ".transform.output", s.transform().output());
        }
      }
      default -> {
        if (s.branch() != null) {
          branch(v, field + ".branch", s, steps);
        }
      }
    }
  }

  private static void http(Violations v, String field, Definition.Http http) {
    if (v.required(field + ".method", http.method())) {
      v.oneOf(field + ".method", http.method(), METHODS);
    }
    if (v.text(field + ".url", http.url(), 2000)) {
      String expression = Expressions.embedded(http.url());
      if (expression != null) {
        Expressions.check(v, field + ".url", expression);
      } else {
        url(v, field + ".url", http.url());
      }
    }
    if (http.headers() != null) {
      http.headers().forEach((name, value) -> {
        String header = field + ".headers." + name;
        if (!HEADER_NAME.matcher(name).matches()) {
          v.add(header, "is not a header name");
        } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
          v.add(header, "is set by the call itself");
        } else if (v.text(header, value, 4000) && Expressions.embedded(value) != null) {
          Expressions.check(v, header, Expressions.embedded(value));
        }
      });
    }
    if (http.body() != null) {
      if ("GET".equals(http.method()) || "HEAD".equals(http.method())) {
        v.add(field + ".body", "is not sent with " + http.method());
      }
      Expressions.checkEmbedded(v, field + ".body", http.body());
    }
    v.range(field + ".timeout_seconds", http.timeoutSeconds(), 1, 60);
  }

  /** An absolute http or https URL without credentials in it. */
  static void url(Violations v, String field, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        v.add(field, "must be an http or https URL");
      } else if (uri.getHost() == null) {
        v.add(field, "must name a host");
      } else if (uri.getRawUserInfo() != null) {
        v.add(field, "must not hold credentials; send them in a header");
      }
    } catch (URISyntaxException e) {
      v.add(field, "is not a URL: " + e.getReason());
    }
  }

  private static void notification(Violations v, String field, Definition.Notify notify) {
    v.pattern(field + ".template", notify.template(), NOTIFICATION_TEMPLATE, "the name of a notification template");
    if (v.required(field + ".to", notify.to())) {
      String expression = Expressions.embedded(notify.to());
      if (expression != null) {
        Expressions.check(v, field + ".to", expression);
      } else {
        v.email(field + ".to", notify.to());
      }
    }
    if (notify.variables() != null) {
      notify.variables().forEach((name, value) -> Expressions.checkEmbedded(v, field + ".variables." + name, value));
    }
  }

  private static void branch(Violations v, String field, Definition.Step s, List<Definition.Step> steps) {
    Definition.Branch branch = s.branch();
    if (v.text(field + ".condition", branch.condition(), 4000)) {
      Expressions.check(v, field + ".condition", branch.condition());
    }
    List<String> then = branch.then() == null ? List.of() : branch.then();
    List<String> otherwise = branch.otherwise() == null ? List.of() : branch.otherwise();
    if (then.isEmpty() && otherwise.isEmpty()) {
      v.add(field, "must name at least one step in then or otherwise");
    }
    Set<String> successors = new HashSet<>();
    steps.stream().filter(o -> o != null && o.predecessors().contains(s.key())).forEach(o -> successors.add(o.key()));
    Map<String, List<String>> ways = new LinkedHashMap<>();
    ways.put("then", then);
    ways.put("otherwise", otherwise);
    ways.forEach((way, keys) -> {
      if (!v.distinct(field + "." + way, keys)) {
        return;
      }
      for (int j = 0; j < keys.size(); j++) {
        if (!successors.contains(keys.get(j))) {
          v.add(field + "." + way + "[" + j + "]", "must be a step that depends on '" + s.key() + "'");
        } else if (way.equals("otherwise") && then.contains(keys.get(j))) {
          v.add(field + "." + way + "[" + j + "]", "is also in then");
        }
      }
    });
  }

  private static void jobNotice(Violations v, Definition.JobNotice notice) {
    v.pattern("notify.template", notice.template(), NOTIFICATION_TEMPLATE, "the name of a notification template");
    v.email("notify.to", notice.to());
    if (v.required("notify.on", notice.on()) && v.distinct("notify.on", notice.on())) {
      if (notice.on().isEmpty()) {
        v.add("notify.on", "must name at least one of " + JOB_ENDINGS);
      }
      for (int i = 0; i < notice.on().size(); i++) {
        v.oneOf("notify.on[" + i + "]", notice.on().get(i), JOB_ENDINGS);
      }
    }
  }

  /** Reports each cycle once, at the first of its steps, as the path that closes it. */
  private static void cycles(Violations v, List<Definition.Step> steps, Map<String, Integer> index) {
    Map<String, Integer> state = new HashMap<>();
    for (Definition.Step s : steps) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(s.key(), steps, index, state, path);
      if (cycle != null) {
        v.add("steps[" + index.get(cycle.get(0)) + "].depends_on", "forms a cycle: " + String.join(" -> ", cycle));
        return;
      }
    }
  }

  /** Depth-first over depends_on; state 1 is on the current path, 2 is done. Returns a cycle found, or null. */
  private static List<String> visit(String key, List<Definition.Step> steps, Map<String, Integer> index, Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(key);
    if (seen != null && seen == 2) {
      return null;
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
      cycle.add(key);
      return cycle;
    }
    state.put(key, 1);
    path.add(key);
    for (String predecessor : steps.get(index.get(key)).predecessors()) {
      List<String> cycle = visit(predecessor, steps, index, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(key, 2);
    return null;
  }
}

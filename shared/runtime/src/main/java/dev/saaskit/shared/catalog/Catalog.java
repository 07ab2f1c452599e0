package dev.saaskit.shared.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The route catalog ({@code functions/catalog.yaml}): every function of the platform. The runtime
 * reads it for access rules, the tests walk it, the emulator routes by it and the deployment is
 * generated from it.
 */
public final class Catalog {

  /**
   * Where the build places {@code functions/catalog.yaml}, validated and converted to JSON
   * ({@link CatalogCompiler}), on every artifact's classpath: a cold start then reads it with the
   * JSON parser it loads anyway instead of a YAML parser.
   */
  public static final String RESOURCE = "saaskit/catalog.json";

  /** Names another classpath resource to read instead; the runtime's own tests use a test catalog. */
  public static final String RESOURCE_SETTING = "CATALOG_RESOURCE";

  private static volatile Catalog bundled;

  private final Map<String, ModuleSpec> modules;
  private final Map<String, QueueSpec> queues;
  private final List<FunctionSpec> functions;
  private final Map<String, FunctionSpec> byModuleAndBean = new HashMap<>();

  Catalog(Map<String, ModuleSpec> modules, Map<String, QueueSpec> queues, List<FunctionSpec> functions) {
    // In the catalog's order: the deployment is generated from it and must come out the same every time.
    this.modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    this.queues = new LinkedHashMap<>(queues);
    this.functions = List.copyOf(functions);
    for (FunctionSpec f : functions) {
      byModuleAndBean.put(f.module() + "/" + f.bean(), f);
    }
  }

  /** The catalog bundled with this artifact, parsed once per container. */
  public static Catalog bundled() {
    Catalog c = bundled;
    if (c == null) {
      synchronized (Catalog.class) {
        if (bundled == null) {
          String resource = dev.saaskit.shared.config.Settings.get(RESOURCE_SETTING, RESOURCE);
          try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
              throw new CatalogException(resource + " is not on the classpath");
            }
            bundled = CatalogLoader.parse(in.readAllBytes(), resource);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        c = bundled;
      }
    }
    return c;
  }

  public List<FunctionSpec> functions() {
    return functions;
  }

  public Map<String, ModuleSpec> modules() {
    return modules;
  }

  public Map<String, QueueSpec> queues() {
    return queues;
  }

  /**
   * The scopes an API key may be given: those some route of the catalog accepts keys with. A new
   * scope exists once a route lists it.
   */
  public SortedSet<String> apiKeyScopes() {
    SortedSet<String> scopes = new TreeSet<>();
    functions.forEach(f -> scopes.addAll(f.access().apiKeyScopes()));
    return Collections.unmodifiableSortedSet(scopes);
  }

  public Optional<FunctionSpec> function(String module, String bean) {
    return Optional.ofNullable(byModuleAndBean.get(module + "/" + bean));
  }

  public Optional<FunctionSpec> named(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<FunctionSpec> inModule(String module) {
    return functions.stream().filter(f -> f.module().equals(module)).toList();
  }

  /**
   * Matches a request the way API Gateway does: the route with the most literal segments wins,
   * and {@code $default} takes whatever matches nothing else.
   */
  public Optional<RouteMatch> route(String method, String path) {
    String[] segments = split(path);
    RouteMatch best = null;
    int bestScore = -1;
    FunctionSpec fallback = null;
    for (FunctionSpec f : functions) {
      Trigger.Http http = f.http();
      if (http == null) {
        continue;
      }
      if (http.isDefault()) {
        fallback = f;
        continue;
      }
      if (!http.method().equals(method) && !http.method().equals("ANY")) {
        continue;
      }
      String[] template = split(http.path());
      if (template.length != segments.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int score = 0;
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        String t = template[i];
        if (t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty()) {
            matches = false;
          } else {
            params.put(t.substring(1, t.length() - 1), java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8));
          }
        } else if (t.equals(segments[i])) {
          score += 1 << (template.length - i);
        } else {
          matches = false;
        }
      }
      if (matches && score > bestScore) {
        best = new RouteMatch(f, Map.copyOf(params));
        bestScore = score;
      }
    }
    if (best == null && fallback != null) {
      best = new RouteMatch(fallback, Map.of());
    }
    return Optional.ofNullable(best);
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  /**
   * Problems found when comparing the catalog with the function beans a module registers: a
   * catalog entry without its bean, a bean of the wrong kind or handler class, a bean the catalog
   * does not list.
   */
  public List<String> compareWithBeans(String module, List<BeanDescriptor> beans) {
    List<String> problems = new ArrayList<>();
    Map<String, BeanDescriptor> byName = new HashMap<>();
    beans.forEach(b -> byName.put(b.bean(), b));
    for (FunctionSpec f : inModule(module)) {
      BeanDescriptor bean = byName.get(f.bean());
      if (bean == null) {
        problems.add("catalog entry '" + f.name() + "' names bean '" + f.bean() + "', which module '" + module + "' does not register");
      } else if (!bean.trigger().isInstance(f.trigger())) {
        problems.add("catalog entry '" + f.name() + "' has a " + f.trigger().kind() + " trigger but bean '" + f.bean()
            + "' is a " + bean.trigger().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " function");
      } else if (!bean.handler().equals(f.handler())) {
        problems.add("catalog entry '" + f.name() + "' names handler " + f.handler() + " but bean '" + f.bean() + "' runs " + bean.handler());
      }
    }
    for (BeanDescriptor bean : beans) {
      if (function(module, bean.bean()).isEmpty()) {
        problems.add("bean '" + bean.bean() + "' of module '" + module + "' is missing from the catalog");
      }
    }
    return problems;
  }
}

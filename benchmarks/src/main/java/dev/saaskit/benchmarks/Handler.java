package dev.saaskit.benchmarks;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.ModuleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a function JVM runs for a case: a handler class from an artifact, with the environment Lambda
 * would give it. {@code ours} is the domain's artifact behind our entry point ({@code LambdaHandler}),
 * exactly as deployed; {@code baseline} is the plain handler doing the same work; {@code before}, in
 * a run with {@code --before}, the same function as an earlier revision built and deployed it.
 */
record Handler(String side, Path artifact, String handlerClass, String functionName, String routeKey, Map<String, String> env) {

  static final String OURS = "ours";
  static final String BEFORE = "before";
  static final String BASELINE = "baseline";
  /** The entry point of the artifacts before issue 15, which a {@code --before} run of such a revision measures. */
  static final String FUNCTION_INVOKER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";
  static final String LAMBDA_HANDLER = "dev.saaskit.shared.runtime.LambdaHandler";
  static final String PLAIN_HANDLER = "dev.saaskit.benchmarks.baseline.PlainHandler";

  static Handler ours(Case c, Path root, Map<String, String> settings) {
    FunctionSpec function = c.function();
    ModuleSpec module = Catalog.bundled().modules().get(function.module());
    Map<String, String> env = new LinkedHashMap<>(settings);
    env.put("MAIN_CLASS", module.initializer());
    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", function.bean());
    Path artifact = root.resolve("functions").resolve(function.module()).resolve("target").resolve(function.module() + "-aws.jar");
    return new Handler(OURS, artifact, LAMBDA_HANDLER, function.name(), function.http().routeKey(), env);
  }

  /**
   * The same function (by name) from a checkout built under {@code beforeRoot} (an earlier
   * revision), as that revision's catalog places it (its module, bean and initializer), behind the
   * entry point its artifact has: {@code LambdaHandler} where the jar holds it, else {@code
   * FunctionInvoker}.
   */
  static Handler before(Case c, Path beforeRoot, Map<String, String> settings) {
    // Read as plain YAML: an earlier catalog may have keys this revision's loader refuses (a bean of its own, say).
    JsonNode catalog;
    try {
      catalog = new YAMLMapper().readTree(Files.readAllBytes(beforeRoot.resolve("functions/catalog.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode function = catalog.path("functions").valueStream()
        .filter(f -> f.path("name").asString().equals(c.function().name()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the before revision has no function '" + c.function().name() + "'"));
    String module = function.path("module").asString();
    String bean = function.has("bean") ? function.path("bean").asString() : CatalogLoader.beanOf(function.path("handler").asString());
    Map<String, String> env = new LinkedHashMap<>(settings);
    env.put("MAIN_CLASS", catalog.path("modules").path(module).path("initializer").asString());
    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", bean);
    Path artifact = beforeRoot.resolve("functions").resolve(module).resolve("target").resolve(module + "-aws.jar");
    return new Handler(BEFORE, artifact, entryPointOf(artifact), c.function().name(), c.function().http().routeKey(), env);
  }

  private static String entryPointOf(Path artifact) {
    try (JarFile jar = new JarFile(artifact.toFile())) {
      return jar.getEntry(LAMBDA_HANDLER.replace('.', '/') + ".class") != null ? LAMBDA_HANDLER : FUNCTION_INVOKER;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifact, e);
    }
  }

  /** The same handler with one setting changed. */
  Handler with(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(env);
    changed.put(name, value);
    return new Handler(side, artifact, handlerClass, functionName, routeKey, Map.copyOf(changed));
  }

  static Handler baseline(Case c, Path root, Map<String, String> settings) {
    Map<String, String> env = new LinkedHashMap<>(settings);
    env.put("BASELINE_WORK", c.baseline().name());
    if (c.baselineSql() != null) {
      env.put("BASELINE_SQL", c.baselineSql());
    }
    FunctionSpec function = c.function();
    Path artifact = root.resolve("benchmarks/target/baseline-aws.jar");
    return new Handler(BASELINE, artifact, PLAIN_HANDLER, function.name(), function.http().routeKey(), env);
  }
}

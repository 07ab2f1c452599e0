package dev.saaskit.workers.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A workflow template as its author writes it, and as each version stores it: typed input
 * parameters, steps forming a DAG through {@code depends_on}, and whom to tell when a job ends. The
 * rules are {@link DefinitionRules}'s.
 *
 * @param jobNotice {@code notify}: a notification (through the notifications domain) when a job of the template ends
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Definition(
    String name, String description, Map<String, Parameter> parameters, List<Step> steps, @JsonProperty("notify") JobNotice jobNotice)
    implements Validatable {

  public static final List<String> STEP_TYPES = List.of("http", "notify", "delay", "transform", "branch");
  public static final List<String> PARAMETER_TYPES = List.of("string", "number", "boolean", "object");

  /**
   * @param type string, number, boolean or object
   * @param required default: true unless there is a default
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Parameter(String type, Boolean required, @JsonProperty("default") JsonNode defaultValue) {

    public boolean mandatory() {
      return required == null ? defaultValue == null : required;
    }
  }

  /**
   * One step. Exactly the settings named by {@code type} are given.
   *
   * @param key unique in the template; how other steps and expressions ({@code steps.<key>}) name it
   * @param dependsOn the steps that must be done (succeeded or skipped) before this one runs
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(String key, String type, List<String> dependsOn, Retry retry, Http http, @JsonProperty("notify") Notify notification,
      Delay delay, Transform transform, Branch branch) {

    public List<String> predecessors() {
      return dependsOn == null ? List.of() : dependsOn;
    }

    public int maxAttempts() {
      return retry == null || retry.maxAttempts() == null ? Retry.DEFAULT_ATTEMPTS : retry.maxAttempts();
    }

    public int backoffSeconds() {
      return retry == null || retry.backoffSeconds() == null ? Retry.DEFAULT_BACKOFF_SECONDS : retry.backoffSeconds();
    }
  }

  /**
   * @param maxAttempts attempts in all, the first included (default 3)
   * @param backoffSeconds the wait before the second attempt (default 5), doubled for each further one, with jitter
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Retry(Integer maxAttempts, Integer backoffSeconds) {
    static final int DEFAULT_ATTEMPTS = 3;
    static final int DEFAULT_BACKOFF_SECONDS = 5;
  }

  /**
   * Calls a URL of an allowed host. {@code url}, header values and strings in {@code body} may be
   * {@code {% expressions %}}.
   *
   * @param timeoutSeconds for the whole exchange, redirects included (default 10)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Http(String method, String url, Map<String, String> headers, JsonNode body, Integer timeoutSeconds) {
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    public int timeout() {
      return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }
  }

  /** A message through the notifications domain's template of that name; {@code to} and variables may be expressions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Notify(String template, String to, Map<String, JsonNode> variables) {}

  public record Delay(Integer seconds) {}

  /** The step's output: this JSON with its {@code {% expressions %}} evaluated. */
  public record Transform(JsonNode output) {}

  /**
   * A JSONata condition on parameters and earlier outputs: true runs the steps in {@code then},
   * false those in {@code otherwise}; the others of the two lists are skipped. Both lists name
   * steps that depend on this one.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Branch(String condition, List<String> then, List<String> otherwise) {}

  /**
   * @param on which endings notify: succeeded, failed, canceled
   */
  public record JobNotice(String template, String to, List<String> on) {}

  @Override
  public void validate(Violations v) {
    DefinitionRules.validate(v, this);
  }

  public Step step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step '" + key + "'"));
  }

  public List<Step> successors(String key) {
    return steps.stream().filter(s -> s.predecessors().contains(key)).toList();
  }

  public Map<String, Parameter> parametersOrNone() {
    return parameters == null ? Map.of() : parameters;
  }
}

package dev.saaskit.workers.steps;

import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.workers.hosts.AllowedHosts;
import dev.saaskit.workers.templates.Definition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one attempt of a step, outside any transaction: what it does and what it outputs. A step
 * that cannot succeed throws {@link StepFailure}. The HTTP client is built on a container's first
 * http step.
 */
public final class Steps {

  /**
   * What an attempt produced.
   *
   * @param notification for a notify step: the message to publish when the step's success is recorded
   */
  public record Outcome(JsonNode output, Notification notification) {}

  /** What an attempt can see: {@code parameters}, the outputs of steps that succeeded as {@code steps.<key>}, and {@code job.id}. */
  public record Input(UUID organization, UUID jobId, JsonNode parameters, Map<String, JsonNode> outputs, AllowedHosts hosts) {

    JsonNode context() {
      ObjectNode context = Json.object();
      context.set("parameters", parameters);
      ObjectNode steps = context.putObject("steps");
      outputs.forEach(steps::set);
      context.putObject("job").put("id", jobId.toString());
      return context;
    }
  }

  private final Lazy<HttpStep> http = new Lazy<>(HttpStep::new);

  public Outcome run(Definition.Step step, Input input) {
    JsonNode context = input.context();
    return switch (step.type()) {
      case "http" -> new Outcome(http.get().call(step.http(), context, input.hosts()), null);
      case "notify" -> notification(step.notification(), context, input.organization());
      case "delay" -> new Outcome(Json.object().put("seconds", step.delay().seconds()), null);
      case "transform" -> new Outcome(Expressions.resolve("transform.output", step.transform().output(), context), null);
      case "branch" -> branch(step.branch(), context);
      default -> throw new IllegalStateException("no step type " + step.type());
    };
  }

  private static Outcome notification(Definition.Notify notify, JsonNode context, UUID organization) {
    String to = Expressions.text("notify.to", notify.to(), context);
    Map<String, Object> variables = new LinkedHashMap<>();
    if (notify.variables() != null) {
      notify.variables().forEach((name, value) ->
          variables.put(name, Json.MAPPER.convertValue(Expressions.resolve("notify.variables." + name, value, context), Object.class)));
    }
    ObjectNode output = Json.object().put("template", notify.template()).put("to", to);
    return new Outcome(output, new Notification(notify.template(), to, variables, organization));
  }

  /** Output: {@code {"result": true|false, "next": [the steps chosen]}}; the engine skips the others the branch names. */
  private static Outcome branch(Definition.Branch branch, JsonNode context) {
    JsonNode value = Expressions.evaluate("branch.condition", branch.condition(), context);
    if (value == null || !value.isBoolean()) {
      throw new StepFailure("branch.condition: must give true or false, not " + (value == null || value.isNull() ? "nothing" : value), false);
    }
    List<String> next = new ArrayList<>(value.asBoolean()
        ? branch.then() == null ? List.of() : branch.then()
        : branch.otherwise() == null ? List.of() : branch.otherwise());
    ObjectNode output = Json.object().put("result", value.asBoolean());
    ArrayNode chosen = output.putArray("next");
    next.forEach(chosen::add);
    return new Outcome(output, null);
  }

  /** The steps a branch's output says it chose. */
  public static List<String> chosen(JsonNode branchOutput) {
    List<String> next = new ArrayList<>();
    if (branchOutput != null) {
      branchOutput.path("next").forEach(n -> next.add(n.asString()));
    }
    return next;
  }
}

package dev.saaskit.workers.steps;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Timebox;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.validation.Violations;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSONata expressions in step settings. A string value that is wholly {@code {% expression %}} (the
 * convention of AWS Step Functions' JSONata mode) is replaced by the expression's result, evaluated
 * against {@code {"parameters": ..., "steps": {"<key>": <output>}, "job": {"id": ...}}}; every other
 * value is taken as it is. Evaluation is bounded in time and depth, so a template cannot hold a
 * worker with a runaway expression.
 */
public final class Expressions {

  private static final String OPEN = "{%";
  private static final String CLOSE = "%}";
  private static final long TIMEOUT_MILLIS = 1000;
  private static final int MAX_DEPTH = 200;

  private Expressions() {}

  /** The expression inside {@code {% ... %}}, or null when the value is a plain string. */
  public static String embedded(String value) {
    if (value != null && value.startsWith(OPEN) && value.endsWith(CLOSE) && value.length() >= OPEN.length() + CLOSE.length()) {
      return value.substring(OPEN.length(), value.length() - CLOSE.length()).trim();
    }
    return null;
  }

  /** Reports, under {@code field}, an expression that does not parse. */
  public static boolean check(Violations v, String field, String expression) {
    if (expression.isEmpty()) {
      v.add(field, "is an empty expression");
      return false;
    }
    try {
      Jsonata.jsonata(expression);
      return true;
    } catch (JException | IllegalArgumentException e) {
      v.add(field, "is not a valid JSONata expression: " + e.getMessage());
      return false;
    }
  }

  /** Checks every {@code {% %}} string inside a JSON value, naming each by its path under {@code field}. */
  public static void checkEmbedded(Violations v, String field, JsonNode value) {
    if (value == null) {
      return;
    }
    if (value.isString()) {
      String expression = embedded(value.asString());
      if (expression != null) {
        check(v, field, expression);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkEmbedded(v, field + "[" + i + "]", value.get(i));
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        checkEmbedded(v, field + "." + e.getKey(), e.getValue());
      }
    }
  }

  /** Evaluates one expression; a failure is the step's, named after {@code field}. */
  public static JsonNode evaluate(String field, String expression, JsonNode context) {
    try {
      Jsonata jsonata = Jsonata.jsonata(expression);
      Jsonata.Frame frame = jsonata.createFrame();
      new Timebox(frame, TIMEOUT_MILLIS, MAX_DEPTH);
      Object result = jsonata.evaluate(Json.MAPPER.convertValue(context, Object.class), frame);
      return Json.MAPPER.valueToTree(result == Jsonata.NULL_VALUE ? null : result);
    } catch (RuntimeException e) {
      throw new StepFailure(field + ": " + e.getMessage(), false);
    }
  }

  /** The value with every {@code {% %}} string inside it replaced by its result. */
  public static JsonNode resolve(String field, JsonNode value, JsonNode context) {
    if (value == null) {
      return null;
    }
    if (value.isString()) {
      String expression = embedded(value.asString());
      return expression == null ? value : evaluate(field, expression, context);
    }
    if (value.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (int i = 0; i < value.size(); i++) {
        out.add(resolve(field + "[" + i + "]", value.get(i), context));
      }
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), resolve(field + "." + e.getKey(), e.getValue(), context));
      }
      return out;
    }
    return value;
  }

  /** A string setting, itself possibly an expression, resolved to text. */
  public static String text(String field, String value, JsonNode context) {
    String expression = embedded(value);
    if (expression == null) {
      return value;
    }
    JsonNode result = evaluate(field, expression, context);
    if (result == null || result.isNull() || result.isMissingNode() || result.isContainer()) {
      throw new StepFailure(field + ": the expression must give a string, number or boolean, not " + (result == null ? "nothing" : result), false);
    }
    return result.asString();
  }
}

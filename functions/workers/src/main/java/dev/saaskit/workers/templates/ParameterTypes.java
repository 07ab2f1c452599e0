package dev.saaskit.workers.templates;

import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import dev.saaskit.shared.json.Json;

/** The types a template's parameters take, and a job's parameters checked against them. */
public final class ParameterTypes {

  private ParameterTypes() {}

  static boolean matches(String type, JsonNode value) {
    return switch (type) {
      case "string" -> value.isString();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      default -> false;
    };
  }

  static String describe(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> "an object";
    };
  }

  /**
   * A job's parameters, with the template's defaults filled in. Each one the template does not
   * declare, misses while required, or has another type is a field error under {@code parameters}.
   */
  public static ObjectNode resolve(Violations v, Map<String, Definition.Parameter> declared, JsonNode given) {
    ObjectNode resolved = Json.object();
    JsonNode values = given == null || given.isNull() ? Json.object() : given;
    if (!values.isObject()) {
      v.add("parameters", "must be an object");
      return resolved;
    }
    for (Map.Entry<String, JsonNode> e : values.properties()) {
      if (!declared.containsKey(e.getKey())) {
        v.add("parameters." + e.getKey(), "is not a parameter of the template");
      }
    }
    declared.forEach((name, parameter) -> {
      JsonNode value = values.get(name);
      if (value == null || value.isNull()) {
        if (parameter.defaultValue() != null) {
          resolved.set(name, parameter.defaultValue());
        } else if (parameter.mandatory()) {
          v.add("parameters." + name, "is required");
        }
      } else if (!matches(parameter.type(), value)) {
        v.add("parameters." + name, "must be " + describe(parameter.type()));
      } else {
        resolved.set(name, value);
      }
    });
    return resolved;
  }
}

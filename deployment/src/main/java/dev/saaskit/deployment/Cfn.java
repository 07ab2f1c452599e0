package dev.saaskit.deployment;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Template nodes and CloudFormation's intrinsic functions, in their long form ({@code Ref},
 * {@code Fn::Sub}): YAML tags such as {@code !Ref} cannot be written through a JSON tree.
 */
final class Cfn {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Cfn() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** An array of strings and nodes. */
  static ArrayNode array(Object... items) {
    return array(List.of(items));
  }

  static ArrayNode array(List<?> items) {
    ArrayNode array = NODES.arrayNode();
    for (Object item : items) {
      if (item instanceof JsonNode node) {
        array.add(node);
      } else {
        array.add(String.valueOf(item));
      }
    }
    return array;
  }

  static JsonNode text(String text) {
    return NODES.stringNode(text);
  }

  static ObjectNode ref(String name) {
    return object().put("Ref", name);
  }

  static ObjectNode sub(String text) {
    return object().put("Fn::Sub", text);
  }

  static ObjectNode getAtt(String resource, String attribute) {
    ObjectNode node = object();
    node.set("Fn::GetAtt", array(resource, attribute));
    return node;
  }

  static ObjectNode ifThen(String condition, JsonNode then, JsonNode otherwise) {
    ObjectNode node = object();
    node.set("Fn::If", array(condition, then, otherwise));
    return node;
  }

  static ObjectNode noValue() {
    return ref("AWS::NoValue");
  }

  /** {@code "Version": "2012-10-17", "Statement": [...]}. */
  static ObjectNode policyDocument(ArrayNode statements) {
    ObjectNode document = object().put("Version", "2012-10-17");
    document.set("Statement", statements);
    return document;
  }

  static ObjectNode statement(String sid, List<String> actions, JsonNode resources) {
    ObjectNode statement = object().put("Sid", sid).put("Effect", "Allow");
    statement.set("Action", array(actions));
    statement.set("Resource", resources);
    return statement;
  }

  /** A role that {@code service} (e.g. {@code lambda.amazonaws.com}) may assume. */
  static ObjectNode trustPolicy(String service) {
    ObjectNode statement = object().put("Effect", "Allow");
    statement.putObject("Principal").put("Service", service);
    statement.put("Action", "sts:AssumeRole");
    return policyDocument(array(statement));
  }

  /** A catalog name ({@code route-not-found}) as a logical id part ({@code RouteNotFound}). */
  static String pascal(String name) {
    StringBuilder b = new StringBuilder();
    for (String word : name.split("-")) {
      if (!word.isEmpty()) {
        b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return b.toString();
  }
}

package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * IAM allows 10,240 characters of inline policy per role (whitespace not counted). Every role of
 * every stack stays below it, for this catalog and for one of 300 functions, with each reference
 * replaced by the longest value it can take here: the longest partition and region names, a stack
 * name of the longest length allowed, 200 characters for an ARN passed in (a secret's, say).
 */
class PolicySizeTest {

  static final int LIMIT = 10_240;
  static final int PASSED_ARN = 200;
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

  @Test
  void every_role_of_the_checked_in_deployment_fits() {
    assertFits(Repository.checkedInDeployment());
  }

  @Test
  void every_role_of_a_catalog_of_300_functions_fits() {
    assertFits(Repository.deployment(GeneratedCatalog.of()));
  }

  @Test
  void the_worst_case_is_at_least_the_real_length() {
    JsonNode alias = DomainStack.aliasArn("login", "StackName");
    String arn = worstCase(alias).asString();
    assertThat(arn).isEqualTo("arn:aws-iso-b:lambda:ap-southeast-3:123456789012:function:" + "s".repeat(Stacks.MAX_STACK_NAME) + "-login:live");
  }

  private static void assertFits(Map<String, JsonNode> deployment) {
    deployment.forEach((file, template) -> template.path("Resources").properties().forEach(r -> {
      if (r.getValue().path("Type").asString().equals("AWS::IAM::Role")) {
        int size = 0;
        for (JsonNode policy : r.getValue().path("Properties").path("Policies")) {
          size += Json.MAPPER.writeValueAsString(worstCase(policy.path("PolicyDocument"))).length();
        }
        assertThat(size).as("inline policies of %s in %s, in characters", r.getKey(), file).isLessThan(LIMIT);
      }
    }));
  }

  /** The node with every intrinsic function replaced by the longest text it can stand for. */
  static JsonNode worstCase(JsonNode node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node.isObject() && node.size() == 1) {
      String function = node.propertyNames().iterator().next();
      JsonNode argument = node.get(function);
      switch (function) {
        case "Fn::Sub" -> {
          Matcher m = VARIABLE.matcher(argument.asString());
          StringBuilder text = new StringBuilder();
          while (m.find()) {
            m.appendReplacement(text, Matcher.quoteReplacement(variable(m.group(1))));
          }
          m.appendTail(text);
          return nodes.stringNode(text.toString());
        }
        case "Ref", "Fn::GetAtt", "Fn::Select", "Fn::Join" -> {
          return nodes.stringNode("a".repeat(PASSED_ARN));
        }
        case "Fn::Split" -> {
          // migrate's secrets: the owner's and one per module.
          int items = argument.toString().split("Ref").length;
          ArrayNode arns = nodes.arrayNode();
          for (int i = 0; i < items; i++) {
            arns.add("a".repeat(PASSED_ARN));
          }
          return arns;
        }
        default -> {
          // An ordinary member.
        }
      }
    }
    if (node.isObject()) {
      ObjectNode copy = nodes.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), worstCase(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      node.forEach(item -> {
        JsonNode value = worstCase(item);
        if (value.isArray()) {
          copy.addAll((ArrayNode) value);
        } else {
          copy.add(value);
        }
      });
      return copy;
    }
    return node;
  }

  private static String variable(String name) {
    return switch (name) {
      case "AWS::Partition" -> "aws-iso-b";
      case "AWS::Region" -> "ap-southeast-3";
      case "AWS::AccountId" -> "123456789012";
      case "AWS::StackName", "StackName" -> "s".repeat(Stacks.MAX_STACK_NAME);
      case "DatabaseProxyResourceId" -> "prx-0123456789abcdef0";
      default -> "a".repeat(PASSED_ARN);
    };
  }
}

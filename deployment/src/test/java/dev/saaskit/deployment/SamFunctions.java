package dev.saaskit.deployment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads back from a SAM template the functions it deploys, their triggers, memory and timeout. */
final class SamFunctions {

  private static final String STACK_PREFIX = "${AWS::StackName}-";

  private SamFunctions() {}

  static Set<Deployed> of(JsonNode template) {
    JsonNode resources = template.path("Resources");
    Map<String, String> routes = routes(resources);
    Set<String> onDeploy = new HashSet<>();
    Set<Deployed> functions = new HashSet<>();
    for (Map.Entry<String, JsonNode> r : resources.properties()) {
      if (r.getValue().path("Type").asString().equals("Custom::OnDeploy")) {
        onDeploy.add(r.getValue().path("Properties").path("ServiceToken").path("Ref").asString().replace(".Alias", ""));
      }
    }
    for (Map.Entry<String, JsonNode> r : resources.properties()) {
      if (!r.getValue().path("Type").asString().equals("AWS::Serverless::Function")) {
        continue;
      }
      String id = r.getKey();
      JsonNode p = r.getValue().path("Properties");
      JsonNode events = p.path("Events");
      String trigger;
      if (events.has("Queue")) {
        JsonNode sqs = events.path("Queue").path("Properties");
        String queueId = sqs.path("Queue").path("Fn::GetAtt").get(0).asString();
        JsonNode queue = resources.path(queueId).path("Properties");
        trigger = Deployed.sqs(stackName(queue.path("QueueName")), sqs.path("BatchSize").asInt(), sqs.path("MaximumBatchingWindowInSeconds").asInt(),
            queue.path("RedrivePolicy").path("maxReceiveCount").asInt());
      } else if (events.has("Schedule")) {
        trigger = "schedule " + events.path("Schedule").path("Properties").path("ScheduleExpression").asString();
      } else if (routes.containsKey(id)) {
        trigger = routes.get(id);
      } else {
        trigger = Deployed.direct(onDeploy.contains(id));
      }
      functions.add(new Deployed(
          stackName(p.path("FunctionName")),
          p.path("CodeUri").asString().split("/")[1],
          p.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION").asString(),
          p.path("MemorySize").asInt(),
          p.path("Timeout").asInt(),
          trigger));
    }
    return functions;
  }

  /** Function logical id to its route, from the API's OpenAPI body. */
  static Map<String, String> routes(JsonNode resources) {
    Map<String, String> routes = new HashMap<>();
    JsonNode paths = resources.path("Api").path("Properties").path("DefinitionBody").path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String uri = operation.getValue().path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asString();
        String function = uri.replaceAll(".*\\$\\{(\\w+)\\.Alias}.*", "$1");
        String method = operation.getKey().equals("x-amazon-apigateway-any-method") ? "ANY" : operation.getKey().toUpperCase(Locale.ROOT);
        String route = path.getKey().equals("/$default") ? "$default" : path.getKey();
        routes.put(function, Deployed.http(method, route));
      }
    }
    return routes;
  }

  /** {@code {"Fn::Sub": "${AWS::StackName}-name"}} as {@code name}. */
  static String stackName(JsonNode sub) {
    String text = sub.path("Fn::Sub").asString();
    if (!text.startsWith(STACK_PREFIX)) {
      throw new AssertionError("expected a name prefixed with the stack's: " + sub);
    }
    return text.substring(STACK_PREFIX.length());
  }
}

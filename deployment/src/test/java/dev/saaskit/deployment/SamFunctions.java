package dev.saaskit.deployment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads back from a SAM deployment (the shared template and the modules' stacks) the functions it
 * deploys, their triggers, memory and timeout.
 */
final class SamFunctions {

  private static final String STACK_PREFIX = "${StackName}-";

  private SamFunctions() {}

  /** {@code deployment}: each file's path (template.yaml, stacks/...) to its parsed content. */
  static Set<Deployed> of(Map<String, JsonNode> deployment) {
    JsonNode shared = deployment.get(SamTemplate.TEMPLATE).path("Resources");
    Map<String, String> routes = routes(shared);
    Set<Deployed> functions = new HashSet<>();
    for (Map.Entry<String, JsonNode> stack : shared.properties()) {
      if (!stack.getValue().path("Type").asString().equals("AWS::CloudFormation::Stack")) {
        continue;
      }
      JsonNode passed = stack.getValue().path("Properties").path("Parameters");
      JsonNode resources = deployment.get(stack.getValue().path("Properties").path("TemplateURL").asString()).path("Resources");
      Set<String> onDeploy = new HashSet<>();
      Set<String> logs = new HashSet<>();
      resources.properties().forEach(r -> {
        if (r.getValue().path("Type").asString().equals("Custom::OnDeploy")) {
          onDeploy.add(r.getValue().path("Properties").path("ServiceToken").path("Ref").asString().replace(".Alias", ""));
        }
        if (r.getValue().path("Type").asString().equals("AWS::Lambda::Permission")
            && r.getValue().path("Properties").path("Principal").asString().equals("logs.amazonaws.com")) {
          logs.add(r.getValue().path("Properties").path("FunctionName").path("Ref").asString().replace(".Alias", ""));
        }
      });
      for (Map.Entry<String, JsonNode> r : resources.properties()) {
        if (!r.getValue().path("Type").asString().equals("AWS::Serverless::Function")) {
          continue;
        }
        JsonNode p = r.getValue().path("Properties");
        String name = stackName(p.path("FunctionName"));
        JsonNode events = p.path("Events");
        String trigger;
        if (events.has("Queue")) {
          JsonNode sqs = events.path("Queue").path("Properties");
          String queueId = passed.path(sqs.path("Queue").path("Ref").asString()).path("Fn::GetAtt").get(0).asString();
          JsonNode queue = shared.path(queueId).path("Properties");
          trigger = Deployed.sqs(queue.path("QueueName").path("Fn::Sub").asString().replace("${AWS::StackName}-", ""),
              sqs.path("BatchSize").asInt(), sqs.path("MaximumBatchingWindowInSeconds").asInt(),
              queue.path("RedrivePolicy").path("maxReceiveCount").asInt(), sqs.path("ScalingConfig").path("MaximumConcurrency").asInt());
        } else if (events.has("Schedule")) {
          trigger = "schedule " + events.path("Schedule").path("Properties").path("ScheduleExpression").asString();
        } else if (logs.contains(r.getKey())) {
          trigger = Deployed.LOGS;
        } else if (routes.containsKey(name)) {
          trigger = routes.get(name);
        } else {
          trigger = Deployed.direct(onDeploy.contains(r.getKey()));
        }
        functions.add(new Deployed(
            name,
            p.path("CodeUri").asString().split("/")[2],
            p.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION").asString(),
            p.path("MemorySize").asInt(),
            p.path("Timeout").asInt(),
            trigger));
      }
    }
    return functions;
  }

  /** Function name to its route, from the API's OpenAPI body in the shared stack. */
  static Map<String, String> routes(JsonNode sharedResources) {
    Map<String, String> routes = new HashMap<>();
    JsonNode paths = sharedResources.path("Api").path("Properties").path("DefinitionBody").path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String uri = operation.getValue().path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asString();
        String function = uri.replaceAll(".*:function:\\$\\{AWS::StackName}-([a-z0-9-]+):live/invocations$", "$1");
        String method = operation.getKey().equals("x-amazon-apigateway-any-method") ? "ANY" : operation.getKey().toUpperCase(Locale.ROOT);
        String route = path.getKey().equals("/$default") ? "$default" : path.getKey();
        routes.put(function, Deployed.http(method, route));
      }
    }
    return routes;
  }

  /** {@code {"Fn::Sub": "${StackName}-name"}} as {@code name}. */
  static String stackName(JsonNode sub) {
    String text = sub.path("Fn::Sub").asString();
    if (!text.startsWith(STACK_PREFIX)) {
      throw new AssertionError("expected a name prefixed with the stack's: " + sub);
    }
    return text.substring(STACK_PREFIX.length());
  }
}

package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A function as a deployment describes it: what the tests compare between the catalog, the SAM
 * template and Terraform. The trigger is one line: {@code http GET /health}, {@code http $default},
 * {@code sqs <queue> batch_size=N batching_window=N max_receives=N max_concurrency=N}, {@code schedule <expression>},
 * {@code direct on_deploy=true|false}, {@code logs}.
 */
record Deployed(String name, String module, String bean, int memory, int timeout, String trigger) {

  static final String LOGS = "logs";

  static Set<Deployed> of(Catalog catalog) {
    return catalog.functions().stream().map(Deployed::of).collect(Collectors.toSet());
  }

  static Deployed of(FunctionSpec f) {
    return new Deployed(f.name(), f.module(), f.bean(), f.memoryMb(), f.timeoutSeconds(), trigger(f.trigger()));
  }

  static String trigger(Trigger trigger) {
    return switch (trigger) {
      case Trigger.Http http -> http(http.method(), http.path());
      case Trigger.Sqs sqs -> sqs(sqs.queue(), sqs.batchSize(), sqs.batchingWindowSeconds(), sqs.maxReceives(), sqs.maxConcurrency());
      case Trigger.Schedule schedule -> "schedule " + schedule.expression();
      case Trigger.Direct direct -> direct(direct.onDeploy());
      case Trigger.Logs logs -> LOGS;
    };
  }

  static String http(String method, String path) {
    return "http " + new Trigger.Http(method, path).routeKey();
  }

  static String sqs(String queue, int batchSize, int batchingWindow, int maxReceives, int maxConcurrency) {
    return "sqs " + queue + " batch_size=" + batchSize + " batching_window=" + batchingWindow + " max_receives=" + maxReceives
        + " max_concurrency=" + maxConcurrency;
  }

  static String direct(boolean onDeploy) {
    return "direct on_deploy=" + onDeploy;
  }
}

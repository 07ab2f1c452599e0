package dev.saaskit.shared.catalog;

import java.util.Locale;

/** What invokes a function. Exactly one per catalog entry. */
public sealed interface Trigger {

  /** An API Gateway HTTP API route; {@code $default} catches every request no route matches. */
  record Http(String method, String path) implements Trigger {
    public static final String DEFAULT_PATH = "$default";

    public String routeKey() {
      return DEFAULT_PATH.equals(path) ? DEFAULT_PATH : method + " " + path;
    }

    public boolean isDefault() {
      return DEFAULT_PATH.equals(path);
    }
  }

  /**
   * An SQS event source mapping; after {@code maxReceives} failed receives a message moves to the
   * DLQ. At most {@code maxConcurrency} invocations consume the queue at once.
   */
  record Sqs(String queue, int batchSize, int batchingWindowSeconds, int maxReceives, int maxConcurrency) implements Trigger {}

  /** An EventBridge Scheduler schedule: {@code rate(...)} or {@code cron(...)}. */
  record Schedule(String expression) implements Trigger {}

  /** Invoked directly (e.g. by the deployment); {@code onDeploy} runs it on every deploy. */
  record Direct(boolean onDeploy) implements Trigger {}

  /**
   * A CloudWatch Logs subscription: the platform's log groups deliver their invocation records to
   * it, in batches, at least once. The catalog has at most one such function.
   */
  record Logs() implements Trigger {}

  default String kind() {
    return getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}

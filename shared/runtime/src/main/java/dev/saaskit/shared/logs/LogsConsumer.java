package dev.saaskit.shared.logs;

import java.util.Map;

/**
 * Work a {@code logs:} function does with a batch of log lines. The returned counts are logged and
 * returned as the invocation's result; throwing fails the invocation, so Lambda retries the batch.
 */
@FunctionalInterface
public interface LogsConsumer {

  Map<String, Object> consume(LogBatch batch);
}

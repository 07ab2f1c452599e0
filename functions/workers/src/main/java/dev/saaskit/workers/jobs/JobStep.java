package dev.saaskit.workers.jobs;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One step of a job as the API shows it.
 *
 * @param status pending, queued, running, succeeded, failed, skipped or canceled
 * @param attempts the attempts started so far
 * @param nextAttemptAt while queued: when its next attempt is due (after a back-off or a delay)
 * @param startedAt when its first attempt started
 * @param error the last attempt's error
 */
public record JobStep(
    String key,
    String type,
    List<String> dependsOn,
    String status,
    int attempts,
    int maxAttempts,
    Instant nextAttemptAt,
    Instant startedAt,
    Instant finishedAt,
    JsonNode output,
    String error) {}

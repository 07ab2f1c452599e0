package dev.saaskit.workers.jobs;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A row of {@code worker_job_steps}: where one step of a job stands. {@code version} changes with
 * every change of the row; an attempt's outcome is recorded only against the version it claimed.
 */
public record StepState(
    String key, String status, int attempts, Instant runAt, Instant startedAt, Instant finishedAt, JsonNode output, String error,
    int version) {

  public static final String PENDING = "pending";
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";
  public static final String CANCELED = "canceled";

  /** Succeeded or skipped: its successors may go on. */
  public boolean done() {
    return status.equals(SUCCEEDED) || status.equals(SKIPPED);
  }

  public StepState withStatus(String status) {
    return new StepState(key, status, attempts, runAt, startedAt, finishedAt, output, error, version);
  }
}

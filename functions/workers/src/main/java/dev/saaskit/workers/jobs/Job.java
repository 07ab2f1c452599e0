package dev.saaskit.workers.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it: the template version it runs, its parameters (defaults filled in), its
 * status ({@code running}, {@code succeeded}, {@code failed}, {@code canceled}) and, read one by one,
 * each step.
 *
 * @param error why the job failed: the step that failed and its error
 * @param steps in the template's order; only in {@code GET /api/v1/workers/jobs/{id}}
 */
public record Job(
    UUID id,
    UUID templateId,
    String templateName,
    int templateVersion,
    String status,
    JsonNode parameters,
    String error,
    Instant createdAt,
    Instant finishedAt,
    Instant canceledAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<JobStep> steps) {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  Job withSteps(List<JobStep> steps) {
    return new Job(id, templateId, templateName, templateVersion, status, parameters, error, createdAt, finishedAt, canceledAt, steps);
  }

  public boolean running() {
    return status.equals(RUNNING);
  }
}

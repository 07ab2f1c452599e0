package dev.saaskit.workers.engine;

import dev.saaskit.shared.queue.OrganizationScoped;
import java.util.UUID;

/**
 * A message on the {@value #QUEUE} queue: run attempt {@code attempt} of one step of a job. A
 * message whose attempt is not the step's next one, or whose step is no longer queued, is spent and
 * does nothing.
 */
public record StepMessage(UUID jobId, String step, int attempt, UUID organizationId) implements OrganizationScoped {

  public static final String QUEUE = "workers-steps";
}

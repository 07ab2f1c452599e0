package dev.saaskit.workers.steps;

/**
 * A step's attempt failed. {@code retryable}: the next attempt may succeed (a timeout, a 5xx, a
 * refused connection), so the engine tries again after a back-off while attempts remain; otherwise
 * (a bad expression, a host not allowed, a 4xx) the step fails at once.
 */
public final class StepFailure extends RuntimeException {

  private final boolean retryable;

  public StepFailure(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}

package dev.saaskit.shared.resilience;

/**
 * An outbound dependency answered and refused the request, for a reason retrying will not change
 * (Stripe's 400 or 404, for instance). The caller gets a 502 that says so; the dependency's own
 * message stays in the cause, for the log.
 */
public class DependencyRefusedException extends RuntimeException {

  private final String dependency;

  public DependencyRefusedException(String dependency, String message, Throwable cause) {
    super(message, cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}

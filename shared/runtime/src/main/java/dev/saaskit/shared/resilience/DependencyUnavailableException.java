package dev.saaskit.shared.resilience;

/** An outbound dependency failed after its retries, or its circuit is open. */
public class DependencyUnavailableException extends RuntimeException {

  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " is unavailable", cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}

package dev.saaskit.shared.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one policy for calls leaving the function (SQS, and later Stripe, SES, S3): up to three
 * attempts with exponential back-off for failures the dependency calls transient, inside a circuit
 * breaker per dependency so a dead dependency fails fast instead of holding every invocation to
 * its timeout. One instance per container, like the circuits it keeps.
 */
public final class Outbound {

  private static final CircuitBreakerConfig BREAKER =
      CircuitBreakerConfig.custom()
          .slidingWindowSize(10)
          .minimumNumberOfCalls(5)
          .failureRateThreshold(50)
          .waitDurationInOpenState(Duration.ofSeconds(30))
          .permittedNumberOfCallsInHalfOpenState(1)
          .build();

  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /**
   * Calls {@code call}, retrying failures that {@code transient} accepts. Throws {@link
   * DependencyUnavailableException} when the attempts are used up or the circuit is open; a
   * failure that is not transient is rethrown as it is, after counting against the circuit.
   */
  public <T> T call(String dependency, Predicate<Throwable> isTransient, Supplier<T> call) {
    CircuitBreaker breaker = breakers.computeIfAbsent(dependency, name -> CircuitBreaker.of(name, BREAKER));
    Retry retry =
        Retry.of(
            dependency,
            RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2.0))
                .retryOnException(e -> !(e instanceof CallNotPermittedException) && isTransient.test(e))
                .failAfterMaxAttempts(false)
                .build());
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
    } catch (CallNotPermittedException e) {
      throw new DependencyUnavailableException(dependency, e);
    } catch (RuntimeException e) {
      if (isTransient.test(e)) {
        throw new DependencyUnavailableException(dependency, e);
      }
      throw e;
    }
  }
}

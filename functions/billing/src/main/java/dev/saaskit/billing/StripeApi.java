package dev.saaskit.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.DependencyRefusedException;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.runtime.Platform;

/**
 * Every call to Stripe goes through here: through the runtime's retry and circuit breaker ({@code
 * Outbound}, dependency {@code stripe}), with stripe-java's own retries off so that there is one
 * policy, and with an idempotency key on every POST, so a retried POST is one change at Stripe.
 *
 * <p>The client is built on first use from {@code STRIPE_API_KEY} (locally) or the Secrets Manager
 * secret {@code STRIPE_API_KEY_SECRET_ARN} names (in AWS), read once per container; {@code
 * STRIPE_API_BASE} points it at the local stand-in.
 */
public final class StripeApi {

  /** A call of stripe-java's client with the request options to pass on. */
  @FunctionalInterface
  public interface Request<T> {
    T send(StripeClient client, RequestOptions options) throws StripeException;
  }

  /** A Stripe error that retrying will not fix (a refused request), or one that outlived the retries. */
  public static final class Failure extends DependencyRefusedException {
    private final StripeException stripe;

    Failure(StripeException cause) {
      super("stripe", "Stripe answered " + cause.getStatusCode() + " " + cause.getCode() + ": " + cause.getMessage(), cause);
      this.stripe = cause;
    }

    public StripeException stripe() {
      return stripe;
    }

    /** True when Stripe has no such object. */
    public boolean isMissing() {
      return stripe.getStatusCode() != null && stripe.getStatusCode() == 404;
    }
  }

  private final Platform platform;
  private final Lazy<StripeClient> client = new Lazy<>(StripeApi::clientFromSettings);

  public StripeApi(Platform platform) {
    this.platform = platform;
  }

  /** A read (GET): retried as it is. */
  public <T> T read(Request<T> request) {
    return call(RequestOptions.builder().build(), request);
  }

  /**
   * A change (POST or DELETE) under {@code idempotencyKey}: every attempt, ours and a retried
   * invocation's with the same key, is one change at Stripe.
   */
  public <T> T change(String idempotencyKey, Request<T> request) {
    return call(RequestOptions.builder().setIdempotencyKey(idempotencyKey).build(), request);
  }

  private <T> T call(RequestOptions options, Request<T> request) {
    return platform.outbound().call("stripe", StripeApi::isTransient, () -> {
      try {
        return request.send(client.get(), options);
      } catch (StripeException e) {
        throw new Failure(e);
      }
    });
  }

  /** Network failures, 429 and 5xx are worth another attempt; a refused request is not. */
  static boolean isTransient(Throwable e) {
    if (!(e instanceof Failure f)) {
      return false;
    }
    StripeException s = f.stripe();
    Integer status = s.getStatusCode();
    return s instanceof ApiConnectionException || s instanceof RateLimitException || status != null && (status == 429 || status >= 500);
  }

  private static StripeClient clientFromSettings() {
    String key = Settings.find("STRIPE_API_KEY")
        .or(() -> Settings.find("STRIPE_API_KEY_SECRET_ARN").map(arn -> Secrets.read(arn, "STRIPE_API_KEY_SECRET_ARN").trim()))
        .orElseThrow(() -> new IllegalStateException("set STRIPE_API_KEY or STRIPE_API_KEY_SECRET_ARN to the Stripe secret key"));
    StripeClient.StripeClientBuilder builder = StripeClient.builder()
        .setApiKey(key)
        .setMaxNetworkRetries(0)
        .setConnectTimeout(5_000)
        .setReadTimeout(15_000);
    Settings.find("STRIPE_API_BASE").ifPresent(base -> builder.setApiBase(base).setMeterEventsBase(base));
    return builder.build();
  }
}

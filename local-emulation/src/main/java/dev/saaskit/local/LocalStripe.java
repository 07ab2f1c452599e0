package dev.saaskit.local;

import dev.saaskit.stripe.standin.StripeStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Stripe for the billing functions. Without {@code STRIPE_API_KEY}: the stand-in of {@code
 * shared/stripe-stand-in} on {@code LOCAL_STRIPE_PORT}, sending its signed webhooks to the
 * emulator's own webhook route, so billing runs end to end with no Stripe account. With a key
 * ({@code sk_test_...}): Stripe itself in test mode, whose webhooks reach this machine through
 * {@code stripe listen --forward-to}. Either way {@code STRIPE_WEBHOOK_SECRET} is the endpoint's
 * signing secret; when it is not set one is made up and shown at start.
 */
final class LocalStripe implements AutoCloseable {

  static final String WEBHOOK_PATH = "/api/v1/billing/webhooks/stripe";

  private final StripeStandIn standIn;
  private final String apiKey;
  private final String webhookSecret;
  private final boolean secretGenerated;

  private LocalStripe(StripeStandIn standIn, String apiKey, String webhookSecret, boolean secretGenerated) {
    this.standIn = standIn;
    this.apiKey = apiKey;
    this.webhookSecret = webhookSecret;
    this.secretGenerated = secretGenerated;
  }

  static LocalStripe start(Optional<String> apiKey, Optional<String> webhookSecret, int port, int apiPort) {
    String secret = webhookSecret.orElseGet(StripeStandIn::newWebhookSecret);
    if (apiKey.isPresent()) {
      if (!apiKey.get().startsWith("sk_test_") && !apiKey.get().startsWith("rk_test_")) {
        throw new StartupException("STRIPE_API_KEY is not a test-mode key (sk_test_...): the emulator never charges real cards; "
            + "unset it to use the local Stripe stand-in");
      }
      return new LocalStripe(null, apiKey.get(), secret, webhookSecret.isEmpty());
    }
    Ports.requireFree(port, "the Stripe stand-in", "LOCAL_STRIPE_PORT");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI webhook = URI.create("http://127.0.0.1:" + apiPort + WEBHOOK_PATH);
    try {
      StripeStandIn standIn = StripeStandIn.start(port, secret, (body, signature) -> {
        try {
          return client.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                  .header("content-type", "application/json").header("stripe-signature", signature)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode();
        } catch (IOException e) {
          return -1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      });
      return new LocalStripe(standIn, "sk_test_local_stand_in", secret, webhookSecret.isEmpty());
    } catch (IOException e) {
      throw new StartupException("the Stripe stand-in cannot start on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** What the billing functions read: the key, the API base (the stand-in's), the webhook secret. */
  void configure(FunctionEnvironment environment) {
    environment.set("STRIPE_API_KEY", apiKey);
    environment.set("STRIPE_WEBHOOK_SECRET", webhookSecret);
    if (standIn != null) {
      environment.set("STRIPE_API_BASE", standIn.apiBase());
    }
  }

  String description() {
    String secret = "webhook secret " + webhookSecret + (secretGenerated ? " (generated now; set STRIPE_WEBHOOK_SECRET to keep one)" : " (STRIPE_WEBHOOK_SECRET)");
    if (standIn == null) {
      return "Stripe test mode (STRIPE_API_KEY)   " + secret + "; forward its events: stripe listen --forward-to localhost:<PORT>" + WEBHOOK_PATH;
    }
    String base = standIn.apiBase();
    return base + "   (the stand-in: no Stripe account; " + secret + "; clock: curl -X POST " + base
        + "/_stand-in/clock -d '{\"advance_days\":31}')";
  }

  @Override
  public void close() {
    if (standIn != null) {
      standIn.close();
    }
  }
}

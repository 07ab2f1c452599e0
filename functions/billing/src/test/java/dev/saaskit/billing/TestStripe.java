package dev.saaskit.billing;

import dev.saaskit.stripe.standin.StripeStandIn;
import dev.saaskit.stripe.standin.WebhookSink;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The tests' Stripe: one stand-in per JVM, which the functions under test reach through
 * stripe-java ({@code STRIPE_API_BASE}), and which delivers its signed events to the webhook route
 * through the Lambda entry point, as API Gateway would.
 */
public final class TestStripe {

  public static final String WEBHOOK = "/api/v1/billing/webhooks/stripe";

  /** Delivers to the webhook route through the Lambda entry point, as API Gateway would. */
  public static final WebhookSink SINK = (body, signature) ->
      Api.post(WEBHOOK).header("stripe-signature", signature).body(body, "application/json", false).send().status();

  private static StripeStandIn instance;

  private TestStripe() {}

  public static synchronized StripeStandIn get() {
    if (instance == null) {
      TestEnvironment.ensure();
      String secret = StripeStandIn.newWebhookSecret();
      try {
        instance = StripeStandIn.start(0, secret, SINK);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("STRIPE_API_KEY", "sk_test_stand_in");
      System.setProperty("STRIPE_API_BASE", instance.apiBase());
      System.setProperty("STRIPE_WEBHOOK_SECRET", secret);
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }
}

package dev.saaskit.billing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.stripe.standin.StripeStandIn;
import dev.saaskit.stripe.standin.WebhookSignature;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.MotoSecrets;
import dev.saaskit.testkit.TestQueues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook's endpoint secret from Secrets Manager ({@code STRIPE_WEBHOOK_SECRET_ARN}, how the
 * deployment passes it), against moto: read at the first request and kept by the container.
 */
class ReceiveStripeWebhookSecretTest {

  private static MotoSecrets moto;

  @BeforeAll
  static void startMoto() {
    TestStripe.get();
    moto = MotoSecrets.start();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void verifies_with_the_secret_the_arn_names_read_once_per_container() {
    String secret = StripeStandIn.newWebhookSecret();
    String arn = moto.create(secret + "\n");
    String eventId = "evt_secret" + StripeStandIn.newWebhookSecret().substring(6, 24);
    byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + StripeStandIn.API_VERSION + "\","
        + "\"created\":" + Instant.now().getEpochSecond() + ",\"type\":\"customer.updated\",\"livemode\":false,"
        + "\"data\":{\"object\":{\"id\":\"cus_secret1\",\"object\":\"customer\"}}}").getBytes(StandardCharsets.UTF_8);
    // What other tests left on the queue, so that this test's message is the one there.
    Billing.applyEvents();

    List<Integer> statuses = Lambda.withSettings(Map.of("STRIPE_WEBHOOK_SECRET", "", "STRIPE_WEBHOOK_SECRET_ARN", arn), () -> {
      LocalContainer container = Lambda.coldStart("receive-stripe-webhook");
      int first = deliver(container, body, secret);
      // A new value in the secret reaches new containers; this one keeps what it read.
      moto.client().putSecretValue(r -> r.secretId(arn).secretString("whsec_rolled"));
      int again = deliver(container, body, secret);
      int wrong = deliver(container, body, "whsec_rolled");
      return List.of(first, again, wrong);
    });

    assertThat(statuses).containsExactly(200, 200, 400);
    assertThat(TestQueues.get().take("billing-events", 1)).singleElement().satisfies(m -> assertThat(m.body()).contains(eventId));
  }

  @Test
  void the_plain_setting_wins_and_without_either_it_says_what_to_set() {
    String arn = moto.create("whsec_from_the_secret");
    assertThat(Lambda.withSettings(Map.of("STRIPE_WEBHOOK_SECRET", "whsec_plain", "STRIPE_WEBHOOK_SECRET_ARN", arn),
        ReceiveStripeWebhook::secretFromSettings)).isEqualTo("whsec_plain");
    assertThat(Lambda.withSettings(Map.of("STRIPE_WEBHOOK_SECRET", "", "STRIPE_WEBHOOK_SECRET_ARN", arn),
        ReceiveStripeWebhook::secretFromSettings)).isEqualTo("whsec_from_the_secret");
    assertThatThrownBy(() -> Lambda.withSettings(Map.of("STRIPE_WEBHOOK_SECRET", "", "STRIPE_WEBHOOK_SECRET_ARN", ""),
        ReceiveStripeWebhook::secretFromSettings))
        .hasMessageContaining("STRIPE_WEBHOOK_SECRET_ARN");
  }

  private static int deliver(LocalContainer container, byte[] body, String secret) {
    String signature = WebhookSignature.header(body, secret, Instant.now().getEpochSecond());
    return Api.post(TestStripe.WEBHOOK).header("stripe-signature", signature).body(body, "application/json", false).sendTo(container).status();
  }
}

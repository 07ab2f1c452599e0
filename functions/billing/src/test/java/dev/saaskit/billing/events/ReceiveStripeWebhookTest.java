package dev.saaskit.billing.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.stripe.standin.StripeStandIn;
import dev.saaskit.stripe.standin.WebhookSignature;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestQueues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReceiveStripeWebhookTest {

  final String secret = TestStripe.get().webhookSecret();
  final String eventId = "evt_test" + StripeStandIn.newWebhookSecret().substring(6, 24);
  final byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + StripeStandIn.API_VERSION + "\","
      + "\"created\":" + Instant.now().getEpochSecond() + ",\"type\":\"customer.subscription.updated\",\"livemode\":false,"
      + "\"data\":{\"object\":{\"id\":\"sub_test1\",\"object\":\"subscription\",\"customer\":\"cus_test1\",\"status\":\"active\"}}}")
      .getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void emptyQueue() {
    Billing.applyEvents();
  }

  ApiResponse deliver(byte[] payload, String signature, boolean base64) {
    Api.Request request = Api.post(TestStripe.WEBHOOK).body(payload, "application/json", base64);
    return (signature == null ? request : request.header("stripe-signature", signature)).send();
  }

  String signed(long timestamp) {
    return WebhookSignature.header(body, secret, timestamp);
  }

  long stored() {
    return (Long) Billing.value("select count(*) from billing_events where id = ?", eventId);
  }

  @Nested
  class Ok {
    @Test
    void records_the_event_once_and_queues_it_once() {
      ApiResponse first = deliver(body, signed(Instant.now().getEpochSecond()), false);
      ApiResponse again = deliver(body, signed(Instant.now().getEpochSecond()), false);

      assertThat(first.status()).as(first.toString()).isEqualTo(200);
      assertThat(first.json().path("duplicate").asBoolean()).isFalse();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("duplicate").asBoolean()).isTrue();
      assertThat(stored()).isEqualTo(1);
      assertThat(Billing.rows("select type, object_type, object_id, api_version from billing_events where id = ?", eventId))
          .singleElement().satisfies(row -> {
            assertThat(row.get("type")).isEqualTo("customer.subscription.updated");
            assertThat(row.get("object_type")).isEqualTo("subscription");
            assertThat(row.get("object_id")).isEqualTo("sub_test1");
          });
      assertThat(TestQueues.get().take("billing-events", 1)).singleElement()
          .satisfies(m -> assertThat(m.body()).contains(eventId).contains("\"customer_id\":\"cus_test1\""));
    }

    @Test
    void a_body_api_gateway_hands_over_in_base64_is_checked_on_its_original_bytes() {
      ApiResponse r = deliver(body, signed(Instant.now().getEpochSecond()), true);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(stored()).isEqualTo(1);
    }

    @Test
    void a_signature_among_others_made_with_a_rolled_secret_counts() {
      long now = Instant.now().getEpochSecond();
      String header = "t=" + now + ",v1=" + WebhookSignature.hmac(body, "whsec_old", now) + ",v1=" + WebhookSignature.hmac(body, secret, now);
      assertThat(deliver(body, header, false).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void forged_with_another_secret_stores_and_queues_nothing() {
      ApiResponse r = deliver(body, WebhookSignature.header(body, "whsec_forged", Instant.now().getEpochSecond()), false);

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.header("content-type")).isEqualTo("application/problem+json");
      assertThat(r.json().path("code").asString()).isEqualTo("invalid_signature");
      assertThat(stored()).isZero();
      assertThat(TestQueues.get().take("billing-events", 0)).isEmpty();
    }

    @Test
    void replayed_with_a_timestamp_older_than_300_seconds() {
      ApiResponse r = deliver(body, signed(Instant.now().getEpochSecond() - 301), false);
      assertThat(r.status()).isEqualTo(400);
      assertThat(stored()).isZero();
    }

    @Test
    void a_body_changed_after_signing() {
      String signature = signed(Instant.now().getEpochSecond());
      byte[] changed = new String(body, StandardCharsets.UTF_8).replace("\"active\"", "\"canceled\"").getBytes(StandardCharsets.UTF_8);
      assertThat(deliver(changed, signature, false).status()).isEqualTo(400);
      assertThat(stored()).isZero();
    }

    @Test
    void a_missing_or_malformed_signature() {
      assertThat(deliver(body, null, false).json().path("code").asString()).isEqualTo("invalid_signature");
      assertThat(deliver(body, "v1=abc", false).status()).isEqualTo(400);
      assertThat(deliver(body, "t=notanumber,v1=abc", false).status()).isEqualTo(400);
      assertThat(stored()).isZero();
    }
  }
}

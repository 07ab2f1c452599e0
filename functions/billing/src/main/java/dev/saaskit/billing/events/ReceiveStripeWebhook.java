package dev.saaskit.billing.events;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.saaskit.billing.BillingProblem;
import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.runtime.Lazy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/billing/webhooks/stripe} (public): Stripe's events. The {@code
 * Stripe-Signature} header must sign the body exactly as it arrived (API Gateway's base64 body is
 * decoded back to those bytes first) with the endpoint secret, at most 300 seconds ago; anything else is 400 and stores nothing. A new event is recorded under its id
 * and queued on {@code billing-events}; one already recorded answers 200 again and is not queued
 * twice. The answer comes at once: the work is the consumer's.
 *
 * <p>The endpoint secret ({@code whsec_...}) is {@code STRIPE_WEBHOOK_SECRET} (locally) or the text of
 * the Secrets Manager secret {@code STRIPE_WEBHOOK_SECRET_ARN} names (in AWS, so that no secret sits
 * in a function's environment), read once per container, like {@code StripeApi}'s key.
 */
public final class ReceiveStripeWebhook implements Endpoint<Void, ReceiveStripeWebhook.Response> {

  static final long TOLERANCE_SECONDS = 300;

  private final Lazy<String> secret = new Lazy<>(ReceiveStripeWebhook::secretFromSettings);

  /** @param duplicate true when the event had been received before */
  public record Response(boolean received, boolean duplicate) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    String signature = call.header("stripe-signature").orElseThrow(() -> refused("the Stripe-Signature header is missing"));
    String payload = new String(call.request().body(), StandardCharsets.UTF_8);
    try {
      Webhook.Signature.verifyHeader(payload, signature, secret.get(), TOLERANCE_SECONDS);
    } catch (SignatureVerificationException | RuntimeException e) {
      // stripe-java refuses a malformed header with a parse failure of its own (a timestamp that is no number).
      throw refused("the Stripe-Signature header does not sign this body with the endpoint secret within 300 seconds");
    }
    JsonNode event;
    try {
      event = Json.tree(payload);
    } catch (JacksonException e) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "the event is not JSON");
    }
    String id = event.path("id").asString("");
    if (!id.startsWith("evt_")) {
      throw ApiException.invalid("id", "is not a Stripe event id");
    }
    JsonNode object = event.path("data").path("object");
    int inserted = call.db().createUpdate(
            """
            insert into billing_events (id, type, object_type, object_id, api_version, created_at)
            values (:id, :type, :object_type, :object_id, :api_version, :created)
            on conflict (id) do nothing
            """)
        .bind("id", id)
        .bind("type", event.path("type").asString(null))
        .bind("object_type", object.path("object").asString(null))
        .bind("object_id", object.path("id").asString(null))
        .bind("api_version", event.path("api_version").asString(null))
        .bind("created", Instant.ofEpochSecond(event.path("created").asLong()))
        .execute();
    if (inserted == 1) {
      call.publish(StripeEventMessage.QUEUE, new StripeEventMessage(id, event.path("type").asString(null),
          object.path("object").asString(null), object.path("id").asString(null), customer(object)));
    }
    return Reply.ok(new Response(true, inserted == 0));
  }

  /** The customer an object belongs to: its {@code customer} (an id, or an object where expanded), or itself. */
  private static String customer(JsonNode object) {
    if ("customer".equals(object.path("object").asString(null))) {
      return object.path("id").asString(null);
    }
    JsonNode customer = object.path("customer");
    return customer.isObject() ? customer.path("id").asString(null) : customer.asString(null);
  }

  private static ApiException refused(String detail) {
    return new ApiException(ProblemType.INVALID_PARAMETER, detail).code(BillingProblem.INVALID_SIGNATURE);
  }

  /** The endpoint secret: {@code STRIPE_WEBHOOK_SECRET}, or the secret {@code STRIPE_WEBHOOK_SECRET_ARN} names. */
  static String secretFromSettings() {
    return Settings.find("STRIPE_WEBHOOK_SECRET")
        .or(() -> Settings.find("STRIPE_WEBHOOK_SECRET_ARN").map(arn -> Secrets.read(arn, "STRIPE_WEBHOOK_SECRET_ARN").trim()))
        .orElseThrow(() -> new IllegalStateException(
            "set STRIPE_WEBHOOK_SECRET or STRIPE_WEBHOOK_SECRET_ARN to the webhook endpoint's signing secret (whsec_...)"));
  }
}

package dev.saaskit.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestQueues;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/** Shorthands for the billing tests: subscribing through the API, running the event consumer, reading what billing wrote. */
public final class Billing {

  private Billing() {}

  /** A new organization, with the stand-in in place. */
  public static Tenant tenant() {
    TestStripe.get();
    return Tenant.create();
  }

  public static ApiResponse subscribe(Tenant tenant, String plan, String currency) {
    return Api.post("/api/v1/billing/subscriptions").bearer(tenant.token(Role.ORG_ADMIN))
        .json(Map.of("plan", plan, "currency", currency)).send();
  }

  /** Subscribes and returns the subscription as answered. */
  public static JsonNode subscribed(Tenant tenant, String plan) {
    ApiResponse r = subscribe(tenant, plan, "usd");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("subscription");
  }

  /** Waits for the stand-in's webhooks, then runs the billing-events consumer until the queue is empty. */
  public static void applyEvents() {
    TestStripe.get().awaitDeliveries();
    for (List<Message> batch = TestQueues.get().take("billing-events", 0); !batch.isEmpty(); batch = TestQueues.get().take("billing-events", 0)) {
      String out = Lambda.invoke("apply-stripe-event",
          Events.sqs("arn:aws:sqs:us-east-1:000000000000:billing-events", batch.stream().map(Message::body).toList(), 1).toString());
      assertThat(Json.tree(out).path("batchItemFailures")).as(out).isEmpty();
    }
  }

  /** A webhook the stand-in sent while they were held: its raw body and signature. */
  public record Held(byte[] body, String signature) {
    public String type() {
      return Json.tree(new String(body, java.nio.charset.StandardCharsets.UTF_8)).path("type").asString();
    }

    public ApiResponse deliver() {
      return Api.post(TestStripe.WEBHOOK).header("stripe-signature", signature).body(body, "application/json", false).send();
    }
  }

  /** Runs {@code work} while the stand-in's webhooks are held back, and returns them in the order Stripe sent them. */
  public static List<Held> holdingWebhooks(Runnable work) {
    List<Held> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    TestStripe.get().awaitDeliveries();
    TestStripe.get().sink((body, signature) -> {
      held.add(new Held(body, signature));
      return 200;
    });
    try {
      work.run();
      TestStripe.get().awaitDeliveries();
    } finally {
      TestStripe.get().sink(TestStripe.SINK);
    }
    return List.copyOf(held);
  }

  /** The plan-changes messages for the organization taken off the queue, oldest first. */
  public static List<JsonNode> planChanges(Tenant tenant) {
    return taken("plan-changes").stream().filter(m -> m.path("organization_id").asString().equals(tenant.organizationId().toString())).toList();
  }

  /** The notifications to the organization taken off the queue. */
  public static List<JsonNode> notifications(Tenant tenant) {
    return taken("notifications").stream().filter(m -> m.path("organization_id").asString().equals(tenant.organizationId().toString())).toList();
  }

  private static final Map<String, List<JsonNode>> TAKEN = new java.util.concurrent.ConcurrentHashMap<>();

  /** Everything ever taken off the queue in this JVM: tests pick their organization's messages out of it. */
  private static synchronized List<JsonNode> taken(String queue) {
    List<JsonNode> all = TAKEN.computeIfAbsent(queue, q -> new java.util.concurrent.CopyOnWriteArrayList<>());
    for (List<Message> batch = TestQueues.get().take(queue, 0); !batch.isEmpty(); batch = TestQueues.get().take(queue, 0)) {
      batch.forEach(m -> all.add(Json.tree(m.body())));
    }
    return all;
  }

  public static List<Map<String, Object>> rows(String sql, Object... args) {
    return TestDatabase.rows(sql, args);
  }

  public static Object value(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public static void sql(String sql, Object... args) {
    TestDatabase.execute(sql, args);
  }

  public static String stripeId(JsonNode subscription) {
    return subscription.path("stripe_subscription_id").asString();
  }

  public static UUID id(JsonNode resource) {
    return UUID.fromString(resource.path("id").asString());
  }
}

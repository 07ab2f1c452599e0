package dev.saaskit.stripe.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful stand-in for the part of Stripe's API that billing calls, on the JDK's HTTP server:
 * customers, prices (found by lookup key), subscriptions whose test payment succeeds (or fails, on
 * request), their invoices, invoice payments and payment intents, Checkout sessions completed on a
 * local page, Customer Portal sessions with a local page, and billing meter events (one per
 * identifier, as Stripe keeps them). Every change sends the events Stripe would send, signed with
 * the endpoint secret, to a {@link WebhookSink}, after the API call has answered; on request each
 * twice, or each operation's events in reverse order, or with another API version.
 *
 * <p>Its clock can be moved forward ({@link #advance}): trials end, periods renew with a new invoice,
 * subscriptions set to cancel at the period end are canceled. Control routes under {@code
 * /_stand-in/} do the same over HTTP for the emulator.
 */
public final class StripeStandIn implements AutoCloseable {

  /** The API version stripe-java 33 speaks; events carry it unless told otherwise. */
  public static final String API_VERSION = "2026-07-29.dahlia";
  static final long DAY = 86_400;
  static final long PERIOD = 30 * DAY;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final HttpServer server;
  private final String webhookSecret;
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> new Thread(r, "stripe-stand-in-webhooks"));
  private final Object lock = new Object();
  private volatile WebhookSink sink;

  private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
  private final Map<String, ObjectNode> prices = new LinkedHashMap<>();
  private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
  private final Map<String, ObjectNode> paymentIntents = new LinkedHashMap<>();
  private final Map<String, ObjectNode> checkoutSessions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> portalSessions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> meterEvents = new LinkedHashMap<>();
  private final Map<String, ObjectNode> events = new LinkedHashMap<>();
  private final Map<String, Stored> idempotent = new HashMap<>();
  private final List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  private long clockOffset;
  private boolean failPayments;
  private boolean duplicates;
  private boolean outOfOrder;
  private String apiVersion = API_VERSION;
  private int meterEventFailures;
  private List<ObjectNode> batch = new ArrayList<>();

  private record Stored(int status, String body) {}

  /** One delivery attempt: the event, and what the receiver answered. */
  public record Delivered(String eventId, String type, int status) {}

  private StripeStandIn(HttpServer server, String webhookSecret, WebhookSink sink) {
    this.server = server;
    this.webhookSecret = webhookSecret;
    this.sink = sink;
  }

  /** Starts on {@code port} of the loopback interface (0: any free port). */
  public static StripeStandIn start(int port, String webhookSecret, WebhookSink sink) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    StripeStandIn standIn = new StripeStandIn(server, webhookSecret, sink);
    server.createContext("/", standIn::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "stripe-stand-in");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return standIn;
  }

  /** A new endpoint secret in Stripe's format. */
  public static String newWebhookSecret() {
    return "whsec_" + random(32);
  }

  /** What stripe-java's {@code setApiBase} takes. */
  public String apiBase() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String webhookSecret() {
    return webhookSecret;
  }

  public void sink(WebhookSink sink) {
    this.sink = sink;
  }

  // ---- controls --------------------------------------------------------------------------------

  /** Moves the stand-in's clock on: trials end, periods renew or end, and their events go out. */
  public void advance(Duration by) {
    synchronized (lock) {
      clockOffset += by.getSeconds();
      for (ObjectNode sub : new ArrayList<>(subscriptions.values())) {
        tick(sub);
      }
      send();
    }
  }

  public Instant now() {
    synchronized (lock) {
      return Instant.ofEpochSecond(clock());
    }
  }

  /** From now on payments fail (a new subscription stays incomplete, a renewal goes past_due), or succeed again. */
  public void failPayments(boolean fail) {
    synchronized (lock) {
      failPayments = fail;
    }
  }

  /** Each event delivered twice; each operation's events delivered last first. */
  public void delivery(boolean duplicates, boolean outOfOrder) {
    synchronized (lock) {
      this.duplicates = duplicates;
      this.outOfOrder = outOfOrder;
    }
  }

  /** The {@code api_version} events are rendered for, as an endpoint pinned to an older version receives them. */
  public void eventApiVersion(String version) {
    synchronized (lock) {
      apiVersion = version;
    }
  }

  /** The next {@code count} meter events are recorded, then answered with a 500, as when a response is lost. */
  public void loseMeterEventResponses(int count) {
    synchronized (lock) {
      meterEventFailures = count;
    }
  }

  /** Waits until every event queued so far was delivered. */
  public void awaitDeliveries() {
    try {
      delivery.submit(() -> {}).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("webhook deliveries did not finish", e);
    }
  }

  /** Sends an event again, as Stripe's retries and its dashboard's resend do. */
  public void resend(String eventId) {
    ObjectNode event;
    synchronized (lock) {
      event = events.get(eventId);
    }
    if (event == null) {
      throw new IllegalArgumentException("no event " + eventId);
    }
    deliverLater(List.of(event));
  }

  public List<Delivered> delivered() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  /** Every event made so far, oldest first. */
  public List<JsonNode> events() {
    synchronized (lock) {
      return List.copyOf(events.values());
    }
  }

  /** The meter events Stripe would bill: one per identifier. */
  public List<JsonNode> meterEvents() {
    synchronized (lock) {
      return List.copyOf(meterEvents.values());
    }
  }

  /** "METHOD path" of every API call, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public JsonNode subscription(String id) {
    synchronized (lock) {
      return subscriptions.get(id).deepCopy();
    }
  }

  /** Completes a Checkout session as a customer paying on its page would. */
  public void completeCheckout(String sessionId) {
    synchronized (lock) {
      ObjectNode session = checkoutSessions.get(sessionId);
      if (session == null) {
        throw new IllegalArgumentException("no Checkout session " + sessionId);
      }
      complete(session);
      send();
    }
  }

  /** Cancels a subscription at once, as someone in Stripe's dashboard would: billing learns of it by webhook only. */
  public void cancelFromDashboard(String subscriptionId) {
    synchronized (lock) {
      cancelNow(get(subscriptions, "subscription", subscriptionId), Map.of());
      send();
    }
  }

  /** Changes a subscription's status behind billing's back, without an event: drift for reconciliation. */
  public void plantStatus(String subscriptionId, String status) {
    synchronized (lock) {
      subscriptions.get(subscriptionId).put("status", status);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    delivery.shutdownNow();
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Response r;
      try {
        if (path.startsWith("/v1/")) {
          requests.add(method + " " + path);
          r = api(method, path, FormParameters.parse("GET".equals(method) || "DELETE".equals(method) && body.isEmpty() ? query : body),
              exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        } else if (path.startsWith("/_stand-in/")) {
          r = control(method, path, body);
        } else {
          r = page(method, path);
        }
      } catch (StripeError e) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("type", "invalid_request_error");
        inner.put("message", e.getMessage());
        if (e.param != null) {
          inner.put("param", e.param);
        }
        if (e.code != null) {
          inner.put("code", e.code);
        }
        r = json(e.status, error);
      } catch (RuntimeException e) {
        r = new Response(500, "application/json", "{\"error\":{\"type\":\"api_error\",\"message\":\"stand-in failure: " + e + "\"}}", null);
      }
      byte[] bytes = r.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", r.contentType);
      exchange.getResponseHeaders().set("request-id", "req_" + random(14));
      if (r.location != null) {
        exchange.getResponseHeaders().set("location", r.location);
      }
      exchange.sendResponseHeaders(r.status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
    synchronized (lock) {
      send();
    }
  }

  private record Response(int status, String contentType, String body, String location) {}

  private static Response json(int status, JsonNode node) {
    return new Response(status, "application/json", node.toString(), null);
  }

  private static final class StripeError extends RuntimeException {
    final int status;
    final String param;
    final String code;

    StripeError(int status, String message, String param, String code) {
      super(message);
      this.status = status;
      this.param = param;
      this.code = code;
    }
  }

  private static StripeError missing(String type, String id) {
    return new StripeError(404, "No such " + type + ": '" + id + "'", "id", "resource_missing");
  }

  private Response api(String method, String path, Map<String, Object> p, String idempotencyKey) {
    synchronized (lock) {
      String cacheKey = idempotencyKey == null ? null : method + " " + path + " " + idempotencyKey;
      if (cacheKey != null && idempotent.containsKey(cacheKey)) {
        Stored s = idempotent.get(cacheKey);
        batch.clear();
        return new Response(s.status, "application/json", s.body, null);
      }
      Response r = json(200, route(method, path.substring(3), p));
      if (cacheKey != null) {
        idempotent.put(cacheKey, new Stored(r.status, r.body));
      }
      return r;
    }
  }

  private JsonNode route(String method, String path, Map<String, Object> p) {
    String[] s = path.substring(1).split("/");
    String resource = s[0];
    String id = s.length > 1 ? s[1] : null;
    switch (resource) {
      case "customers" -> {
        if ("POST".equals(method) && id == null) {
          return createCustomer(p);
        }
        return get(customers, "customer", id);
      }
      case "prices" -> {
        if ("POST".equals(method)) {
          return createPrice(p);
        }
        if (id == null) {
          List<Object> keys = list(p.get("lookup_keys"));
          return listOf("/v1/prices", prices.values().stream().filter(price -> keys.isEmpty() || keys.contains(price.path("lookup_key").asString())).toList());
        }
        return get(prices, "price", id);
      }
      case "subscriptions" -> {
        if (id == null) {
          if ("POST".equals(method)) {
            return expandSubscription(createSubscription(text(p, "customer"), text(nested(list(p.get("items")), 0), "price"),
                map(p.get("metadata")), p.get("trial_period_days") == null ? 0 : Long.parseLong(text(p, "trial_period_days"))), p);
          }
          String customer = text(p, "customer");
          return listOf("/v1/subscriptions", subscriptions.values().stream().filter(x -> customer == null || customer.equals(x.path("customer").asString())).toList());
        }
        ObjectNode sub = get(subscriptions, "subscription", id);
        if ("POST".equals(method)) {
          return expandSubscription(updateSubscription(sub, p), p);
        }
        if ("DELETE".equals(method)) {
          return cancelNow(sub, map(p.get("cancellation_details")));
        }
        return expandSubscription(sub, p);
      }
      case "invoices" -> {
        if (id == null) {
          String customer = text(p, "customer");
          String subscription = text(p, "subscription");
          return listOf("/v1/invoices", invoices.values().stream()
              .filter(x -> customer == null || customer.equals(x.path("customer").asString()))
              .filter(x -> subscription == null || subscription.equals(x.path("parent").path("subscription_details").path("subscription").asString()))
              .toList());
        }
        return get(invoices, "invoice", id);
      }
      case "payment_intents" -> {
        return get(paymentIntents, "payment_intent", id);
      }
      case "checkout" -> {
        String sessionId = s.length > 2 ? s[2] : null;
        if ("POST".equals(method) && sessionId == null) {
          return createCheckoutSession(p);
        }
        return get(checkoutSessions, "checkout.session", sessionId);
      }
      case "billing_portal" -> {
        return createPortalSession(p);
      }
      case "billing" -> {
        return createMeterEvent(p);
      }
      default -> throw new StripeError(404, "Unrecognized request URL (" + method + ": /v1" + path + ")", null, null);
    }
  }

  // ---- objects ---------------------------------------------------------------------------------

  private ObjectNode createCustomer(Map<String, Object> p) {
    ObjectNode c = object("customer", "cus_");
    c.put("email", text(p, "email"));
    c.put("name", text(p, "name"));
    c.set("metadata", metadata(map(p.get("metadata"))));
    c.putObject("invoice_settings").putNull("default_payment_method");
    customers.put(c.path("id").asString(), c);
    emit("customer.created", c);
    return c;
  }

  private ObjectNode createPrice(Map<String, Object> p) {
    ObjectNode price = object("price", "price_");
    price.put("active", true);
    price.put("currency", text(p, "currency"));
    long amount = Long.parseLong(text(p, "unit_amount"));
    price.put("unit_amount", amount);
    price.put("unit_amount_decimal", String.valueOf(amount));
    price.put("lookup_key", text(p, "lookup_key"));
    price.put("product", "prod_" + random(14));
    price.put("type", "recurring");
    price.put("billing_scheme", "per_unit");
    price.put("nickname", text(map(p.get("product_data")), "name"));
    ObjectNode recurring = price.putObject("recurring");
    recurring.put("interval", text(map(p.get("recurring")), "interval"));
    recurring.put("interval_count", 1);
    recurring.put("usage_type", "licensed");
    price.set("metadata", metadata(map(p.get("metadata"))));
    prices.put(price.path("id").asString(), price);
    return price;
  }

  private ObjectNode createSubscription(String customer, String priceId, Map<String, Object> metadata, long trialDays) {
    get(customers, "customer", customer);
    ObjectNode price = get(prices, "price", priceId);
    long now = clock();
    ObjectNode sub = object("subscription", "sub_");
    sub.put("customer", customer);
    sub.put("currency", price.path("currency").asString());
    sub.put("cancel_at_period_end", false);
    sub.putNull("cancel_at");
    sub.putNull("canceled_at");
    sub.putNull("ended_at");
    sub.put("start_date", now);
    sub.put("billing_cycle_anchor", now);
    sub.put("collection_method", "charge_automatically");
    ObjectNode details = sub.putObject("cancellation_details");
    details.putNull("comment");
    details.putNull("feedback");
    details.putNull("reason");
    sub.set("metadata", metadata(metadata));
    ObjectNode items = sub.putObject("items");
    items.put("object", "list");
    items.put("has_more", false);
    items.put("url", "/v1/subscription_items?subscription=" + sub.path("id").asString());
    ObjectNode item = items.putArray("data").addObject();
    item.put("id", "si_" + random(14));
    item.put("object", "subscription_item");
    item.put("created", now);
    item.put("quantity", 1);
    item.put("subscription", sub.path("id").asString());
    item.set("price", price.deepCopy());
    setPeriod(sub, now, now + (trialDays > 0 ? trialDays * DAY : PERIOD));
    subscriptions.put(sub.path("id").asString(), sub);
    if (trialDays > 0) {
      sub.put("status", "trialing");
      sub.put("trial_start", now);
      sub.put("trial_end", now + trialDays * DAY);
      ObjectNode invoice = invoice(sub, 0, "subscription_create");
      pay(invoice, true);
      emit("customer.subscription.created", sub);
      emit("invoice.paid", invoice);
    } else {
      sub.putNull("trial_start");
      sub.putNull("trial_end");
      ObjectNode invoice = invoice(sub, price.path("unit_amount").asLong(), "subscription_create");
      boolean paid = pay(invoice, !failPayments);
      sub.put("status", paid ? "active" : "incomplete");
      emit("customer.subscription.created", sub);
      emit(paid ? "invoice.paid" : "invoice.payment_failed", invoice);
    }
    return sub;
  }

  private ObjectNode updateSubscription(ObjectNode sub, Map<String, Object> p) {
    if (p.containsKey("cancel_at_period_end")) {
      requireLive(sub);
      boolean cancel = "true".equals(p.get("cancel_at_period_end"));
      sub.put("cancel_at_period_end", cancel);
      if (cancel) {
        sub.put("cancel_at", sub.path("items").path("data").get(0).path("current_period_end").asLong());
        sub.put("canceled_at", clock());
        ((ObjectNode) sub.get("cancellation_details")).put("reason", "cancellation_requested");
      } else {
        sub.putNull("cancel_at");
        sub.putNull("canceled_at");
        ((ObjectNode) sub.get("cancellation_details")).putNull("reason");
      }
    }
    cancellationDetails(sub, map(p.get("cancellation_details")));
    List<Object> items = list(p.get("items"));
    if (!items.isEmpty()) {
      requireLive(sub);
      Map<String, Object> change = nested(items, 0);
      ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
      if (!item.path("id").asString().equals(text(change, "id"))) {
        throw new StripeError(400, "Invalid subscription item", "items[0][id]", "resource_missing");
      }
      ObjectNode oldPrice = (ObjectNode) item.get("price");
      ObjectNode newPrice = get(prices, "price", text(change, "price"));
      item.set("price", newPrice.deepCopy());
      String proration = String.valueOf(p.getOrDefault("proration_behavior", "create_prorations"));
      long end = item.path("current_period_end").asLong();
      long start = item.path("current_period_start").asLong();
      long remaining = Math.max(0, end - clock());
      long prorated = (newPrice.path("unit_amount").asLong() - oldPrice.path("unit_amount").asLong()) * remaining / Math.max(1, end - start);
      if ("always_invoice".equals(proration) && prorated > 0) {
        ObjectNode invoice = invoice(sub, prorated, "subscription_update");
        boolean paid = pay(invoice, !failPayments);
        emit(paid ? "invoice.paid" : "invoice.payment_failed", invoice);
      }
    }
    sub.set("metadata", merge((ObjectNode) sub.get("metadata"), map(p.get("metadata"))));
    emit("customer.subscription.updated", sub);
    return sub;
  }

  private ObjectNode cancelNow(ObjectNode sub, Map<String, Object> details) {
    if ("canceled".equals(sub.path("status").asString())) {
      throw new StripeError(400, "A canceled subscription can only update its cancellation_details and metadata.", null, null);
    }
    long now = clock();
    sub.put("status", "canceled");
    sub.put("canceled_at", now);
    sub.put("ended_at", now);
    ((ObjectNode) sub.get("cancellation_details")).put("reason", "cancellation_requested");
    cancellationDetails(sub, details);
    emit("customer.subscription.deleted", sub);
    return sub;
  }

  private static void requireLive(ObjectNode sub) {
    if ("canceled".equals(sub.path("status").asString())) {
      throw new StripeError(400, "A canceled subscription can only update its cancellation_details and metadata.", null, null);
    }
  }

  private static void cancellationDetails(ObjectNode sub, Map<String, Object> details) {
    ObjectNode d = (ObjectNode) sub.get("cancellation_details");
    if (details.containsKey("comment")) {
      d.put("comment", text(details, "comment"));
    }
    if (details.containsKey("feedback")) {
      d.put("feedback", text(details, "feedback"));
    }
  }

  private JsonNode expandSubscription(ObjectNode sub, Map<String, Object> p) {
    ObjectNode out = sub.deepCopy();
    boolean invoice = list(p.get("expand")).stream().anyMatch(e -> String.valueOf(e).startsWith("latest_invoice"));
    if (invoice && out.hasNonNull("latest_invoice")) {
      out.set("latest_invoice", invoices.get(out.path("latest_invoice").asString()).deepCopy());
    }
    return out;
  }

  /** A renewal, a trial's end or a scheduled cancellation when the clock passes it. */
  private void tick(ObjectNode sub) {
    String status = sub.path("status").asString();
    if (List.of("canceled", "incomplete", "incomplete_expired").contains(status)) {
      return;
    }
    long now = clock();
    if ("trialing".equals(status)) {
      long trialEnd = sub.path("trial_end").asLong();
      if (trialEnd - now <= 3 * DAY && !sub.path("metadata").has("_trial_will_end_sent")) {
        ((ObjectNode) sub.get("metadata")).put("_trial_will_end_sent", "true");
        emit("customer.subscription.trial_will_end", withoutPrivateMetadata(sub));
      }
    }
    ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
    while (item.path("current_period_end").asLong() <= now && !"canceled".equals(sub.path("status").asString())) {
      long end = item.path("current_period_end").asLong();
      if (sub.path("cancel_at_period_end").asBoolean()) {
        sub.put("status", "canceled");
        sub.put("ended_at", end);
        emit("customer.subscription.deleted", sub);
        return;
      }
      setPeriod(sub, end, end + PERIOD);
      ObjectNode invoice = invoice(sub, item.path("price").path("unit_amount").asLong(), "subscription_cycle");
      boolean paid = pay(invoice, !failPayments);
      sub.put("status", paid ? "active" : "past_due");
      emit(paid ? "invoice.paid" : "invoice.payment_failed", invoice);
      emit("customer.subscription.updated", sub);
    }
  }

  private static void setPeriod(ObjectNode sub, long start, long end) {
    ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
    item.put("current_period_start", start);
    item.put("current_period_end", end);
  }

  private ObjectNode invoice(ObjectNode sub, long amount, String reason) {
    ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
    ObjectNode invoice = object("invoice", "in_");
    String id = invoice.path("id").asString();
    invoice.put("customer", sub.path("customer").asString());
    invoice.put("number", "SI-" + String.format("%04d", invoices.size() + 1));
    invoice.put("currency", sub.path("currency").asString());
    invoice.put("amount_due", amount);
    invoice.put("amount_paid", 0);
    invoice.put("amount_remaining", amount);
    invoice.put("subtotal", amount);
    invoice.put("total", amount);
    invoice.put("billing_reason", reason);
    invoice.put("hosted_invoice_url", apiBase() + "/invoices/" + id);
    invoice.put("invoice_pdf", apiBase() + "/invoices/" + id + "/pdf");
    invoice.put("period_start", item.path("current_period_start").asLong());
    invoice.put("period_end", item.path("current_period_end").asLong());
    invoice.put("status", "open");
    ObjectNode parent = invoice.putObject("parent");
    parent.put("type", "subscription_details");
    parent.putObject("subscription_details").put("subscription", sub.path("id").asString());
    ObjectNode payments = invoice.putObject("payments");
    payments.put("object", "list");
    payments.put("has_more", false);
    payments.put("url", "/v1/invoice_payments?invoice=" + id);
    payments.putArray("data");
    invoices.put(id, invoice);
    sub.put("latest_invoice", id);
    return invoice;
  }

  /** Pays an invoice with the test card: a payment intent, succeeded or failed, and its invoice payment. */
  private boolean pay(ObjectNode invoice, boolean succeeds) {
    long amount = invoice.path("amount_due").asLong();
    if (amount == 0) {
      invoice.put("status", "paid");
      return true;
    }
    ObjectNode intent = object("payment_intent", "pi_");
    String intentId = intent.path("id").asString();
    intent.put("amount", amount);
    intent.put("currency", invoice.path("currency").asString());
    intent.put("customer", invoice.path("customer").asString());
    intent.put("client_secret", intentId + "_secret_" + random(24));
    intent.put("status", succeeds ? "succeeded" : "requires_payment_method");
    intent.put("amount_received", succeeds ? amount : 0);
    paymentIntents.put(intentId, intent);
    ObjectNode secret = invoice.putObject("confirmation_secret");
    secret.put("client_secret", intent.path("client_secret").asString());
    secret.put("type", "payment_intent");
    ObjectNode payment = ((ArrayNode) invoice.path("payments").path("data")).addObject();
    payment.put("id", "inpay_" + random(14));
    payment.put("object", "invoice_payment");
    payment.put("invoice", invoice.path("id").asString());
    payment.put("amount_requested", amount);
    payment.put("amount_paid", succeeds ? amount : 0);
    payment.put("currency", invoice.path("currency").asString());
    payment.put("status", succeeds ? "paid" : "open");
    payment.put("is_default", true);
    payment.put("created", clock());
    payment.put("livemode", false);
    ObjectNode p = payment.putObject("payment");
    p.put("type", "payment_intent");
    p.put("payment_intent", intentId);
    if (succeeds) {
      invoice.put("status", "paid");
      invoice.put("amount_paid", amount);
      invoice.put("amount_remaining", 0);
    }
    invoice.put("attempted", true);
    invoice.put("attempt_count", 1);
    emit(succeeds ? "payment_intent.succeeded" : "payment_intent.payment_failed", intent);
    return succeeds;
  }

  private ObjectNode createCheckoutSession(Map<String, Object> p) {
    ObjectNode session = object("checkout.session", "cs_test_");
    String id = session.path("id").asString();
    session.put("mode", text(p, "mode"));
    session.put("status", "open");
    session.put("payment_status", "unpaid");
    session.put("customer", text(p, "customer"));
    session.putNull("subscription");
    session.put("success_url", text(p, "success_url"));
    session.put("cancel_url", text(p, "cancel_url"));
    session.put("client_reference_id", text(p, "client_reference_id"));
    session.put("url", apiBase() + "/checkout/" + id);
    session.put("expires_at", clock() + DAY);
    session.set("metadata", metadata(map(p.get("metadata"))));
    Map<String, Object> line = nested(list(p.get("line_items")), 0);
    ObjectNode price = get(prices, "price", text(line, "price"));
    session.put("currency", price.path("currency").asString());
    session.put("amount_total", price.path("unit_amount").asLong());
    session.put("_price", price.path("id").asString());
    session.set("_subscription_metadata", metadata(map(map(p.get("subscription_data")).get("metadata"))));
    checkoutSessions.put(id, session);
    return publicView(session);
  }

  private void complete(ObjectNode session) {
    if (!"open".equals(session.path("status").asString())) {
      return;
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    session.path("_subscription_metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asString()));
    ObjectNode sub = createSubscription(session.path("customer").asString(), session.path("_price").asString(), metadata, 0);
    session.put("status", "complete");
    session.put("payment_status", "incomplete".equals(sub.path("status").asString()) ? "unpaid" : "paid");
    session.put("subscription", sub.path("id").asString());
    emit("checkout.session.completed", publicView(session));
  }

  private ObjectNode createPortalSession(Map<String, Object> p) {
    get(customers, "customer", text(p, "customer"));
    ObjectNode session = object("billing_portal.session", "bps_");
    session.put("customer", text(p, "customer"));
    session.put("return_url", text(p, "return_url"));
    session.put("url", apiBase() + "/portal/" + session.path("id").asString());
    portalSessions.put(session.path("id").asString(), session);
    return session;
  }

  private ObjectNode createMeterEvent(Map<String, Object> p) {
    String identifier = text(p, "identifier") != null ? text(p, "identifier") : random(20);
    ObjectNode event = meterEvents.get(identifier);
    if (event == null) {
      event = JSON.createObjectNode();
      event.put("object", "billing.meter_event");
      event.put("event_name", text(p, "event_name"));
      event.put("identifier", identifier);
      event.put("timestamp", p.get("timestamp") == null ? clock() : Long.parseLong(text(p, "timestamp")));
      event.put("created", clock());
      event.put("livemode", false);
      Map<String, Object> payload = map(p.get("payload"));
      ObjectNode pl = event.putObject("payload");
      payload.forEach((k, v) -> pl.put(k, String.valueOf(v)));
      meterEvents.put(identifier, event);
    }
    if (meterEventFailures > 0) {
      meterEventFailures--;
      throw new RuntimeException("the response to meter event " + identifier + " was lost");
    }
    return event;
  }

  // ---- events ----------------------------------------------------------------------------------

  private void emit(String type, ObjectNode object) {
    ObjectNode event = JSON.createObjectNode();
    String id = "evt_" + random(24);
    event.put("id", id);
    event.put("object", "event");
    event.put("api_version", apiVersion);
    event.put("created", clock());
    event.putObject("data").set("object", publicView(object));
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    ObjectNode request = event.putObject("request");
    request.putNull("id");
    request.putNull("idempotency_key");
    event.put("type", type);
    events.put(id, event);
    batch.add(event);
  }

  /** Hands the events of the operation that just ended to the delivery thread. */
  private void send() {
    if (batch.isEmpty()) {
      return;
    }
    List<ObjectNode> out = new ArrayList<>(batch);
    batch = new ArrayList<>();
    if (outOfOrder) {
      Collections.reverse(out);
    }
    if (duplicates) {
      List<ObjectNode> twice = new ArrayList<>();
      out.forEach(e -> {
        twice.add(e);
        twice.add(e);
      });
      out = twice;
    }
    deliverLater(out);
  }

  private void deliverLater(List<ObjectNode> out) {
    Future<?> ignored = delivery.submit(() -> {
      for (ObjectNode event : out) {
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(body, webhookSecret, Instant.now().getEpochSecond());
        int status;
        try {
          WebhookSink target = sink;
          status = target == null ? 0 : target.deliver(body, header);
        } catch (RuntimeException e) {
          status = -1;
        }
        delivered.add(new Delivered(event.path("id").asString(), event.path("type").asString(), status));
      }
    });
  }

  // ---- pages and controls ----------------------------------------------------------------------

  private Response page(String method, String path) {
    String[] s = path.substring(1).split("/");
    synchronized (lock) {
      if (s.length >= 2 && "checkout".equals(s[0])) {
        ObjectNode session = get(checkoutSessions, "checkout.session", s[1]);
        if ("POST".equals(method) && s.length == 3 && "pay".equals(s[2])) {
          complete(session);
          return new Response(303, "text/plain", "", session.path("success_url").asString());
        }
        return html("Checkout", "<p>Subscribe for <b>" + session.path("amount_total").asLong() / 100.0 + " "
            + session.path("currency").asString().toUpperCase() + "</b> a month with the test card 4242 4242 4242 4242.</p>"
            + ("open".equals(session.path("status").asString())
                ? "<form method=post action=/checkout/" + s[1] + "/pay><button>Pay</button></form>"
                : "<p>This session is " + session.path("status").asString() + ".</p>"));
      }
      if (s.length >= 2 && "portal".equals(s[0])) {
        ObjectNode session = get(portalSessions, "billing_portal.session", s[1]);
        if ("POST".equals(method) && s.length == 4 && "cancel".equals(s[2])) {
          updateSubscription(get(subscriptions, "subscription", s[3]), Map.of("cancel_at_period_end", "true"));
          return new Response(303, "text/plain", "", "/portal/" + s[1]);
        }
        StringBuilder list = new StringBuilder("<ul>");
        subscriptions.values().stream().filter(x -> x.path("customer").asString().equals(session.path("customer").asString())).forEach(x -> list
            .append("<li>").append(x.path("id").asString()).append(": ").append(x.path("status").asString())
            .append(x.path("cancel_at_period_end").asBoolean() ? " (cancels at the period end)" : "")
            .append(" <form style=display:inline method=post action=/portal/").append(s[1]).append("/cancel/").append(x.path("id").asString())
            .append("><button>Cancel at period end</button></form></li>"));
        return html("Customer portal", list + "</ul><p><a href=\"" + session.path("return_url").asString() + "\">Back</a></p>");
      }
      if (s.length >= 2 && "invoices".equals(s[0])) {
        ObjectNode invoice = get(invoices, "invoice", s[1]);
        return html("Invoice " + invoice.path("number").asString(), "<p>" + invoice.path("amount_due").asLong() + " "
            + invoice.path("currency").asString() + " (minor units), " + invoice.path("status").asString() + "</p>");
      }
    }
    return new Response(404, "text/plain", "not found", null);
  }

  private static Response html(String title, String body) {
    return new Response(200, "text/html; charset=utf-8",
        "<!doctype html><title>" + title + " (Stripe stand-in)</title><h1>" + title + "</h1>" + body, null);
  }

  private Response control(String method, String path, String body) {
    JsonNode in = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    switch (method + " " + path) {
      case "POST /_stand-in/clock" -> advance(Duration.ofSeconds(in.path("advance_seconds").asLong() + in.path("advance_days").asLong() * DAY));
      case "POST /_stand-in/delivery" -> {
        delivery(in.path("duplicates").asBoolean(), in.path("out_of_order").asBoolean());
        eventApiVersion(in.path("api_version").asString(API_VERSION));
      }
      case "POST /_stand-in/payments" -> failPayments(in.path("fail").asBoolean());
      case "GET /_stand-in/meter-events" -> {
        return json(200, JSON.valueToTree(meterEvents()));
      }
      case "GET /_stand-in/events" -> {
        return json(200, JSON.valueToTree(events()));
      }
      default -> {
        if ("POST".equals(method) && path.startsWith("/_stand-in/events/") && path.endsWith("/resend")) {
          resend(path.substring("/_stand-in/events/".length(), path.length() - "/resend".length()));
        } else {
          return new Response(404, "text/plain", "unknown control " + method + " " + path, null);
        }
      }
    }
    ObjectNode state = JSON.createObjectNode();
    synchronized (lock) {
      state.put("now", Instant.ofEpochSecond(clock()).toString());
      state.put("fail_payments", failPayments);
      state.put("duplicates", duplicates);
      state.put("out_of_order", outOfOrder);
      state.put("event_api_version", apiVersion);
    }
    return json(200, state);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private long clock() {
    return Instant.now().getEpochSecond() + clockOffset;
  }

  private ObjectNode object(String type, String prefix) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", prefix + random(14));
    o.put("object", type);
    o.put("created", clock());
    o.put("livemode", false);
    return o;
  }

  private static ObjectNode get(Map<String, ObjectNode> store, String type, String id) {
    ObjectNode o = id == null ? null : store.get(id);
    if (o == null) {
      throw missing(type, id);
    }
    return o;
  }

  /** The object as the API shows it: the stand-in's own bookkeeping ({@code _...}) left out. */
  private static ObjectNode publicView(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    List<String> hidden = new ArrayList<>();
    copy.propertyNames().forEach(n -> {
      if (n.startsWith("_")) {
        hidden.add(n);
      }
    });
    copy.remove(hidden);
    return copy.has("metadata") && copy.get("metadata").isObject() ? withoutPrivateMetadata(copy) : copy;
  }

  private static ObjectNode withoutPrivateMetadata(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    List<String> hidden = new ArrayList<>();
    metadata.propertyNames().forEach(n -> {
      if (n.startsWith("_")) {
        hidden.add(n);
      }
    });
    metadata.remove(hidden);
    return copy;
  }

  private static JsonNode listOf(String url, List<ObjectNode> data) {
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list");
    list.put("url", url);
    list.put("has_more", false);
    ArrayNode array = list.putArray("data");
    data.forEach(d -> array.add(publicView(d)));
    return list;
  }

  private static ObjectNode metadata(Map<String, Object> values) {
    ObjectNode m = JSON.createObjectNode();
    values.forEach((k, v) -> m.put(k, String.valueOf(v)));
    return m;
  }

  private static ObjectNode merge(ObjectNode metadata, Map<String, Object> values) {
    values.forEach((k, v) -> metadata.put(k, String.valueOf(v)));
    return metadata;
  }

  private static String text(Map<String, Object> p, String name) {
    Object v = p.get(name);
    return v == null ? null : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  private static Map<String, Object> nested(List<Object> items, int index) {
    if (items.size() <= index) {
      throw new StripeError(400, "Missing required param: items[" + index + "]", "items", "parameter_missing");
    }
    return map(items.get(index));
  }

  static String random(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}

package dev.saaskit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.outbox.SqsQueueSender;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.FaultProxy;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestEnvironment;
import dev.saaskit.testkit.TestQueues;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * AWS faults (issue 22): SQS (ElasticMQ) and S3 (S3Proxy) behind a {@link FaultProxy} each, reached by real routes
 * through the Lambda entry point. A dependency that is down opens its circuit after a few failed calls: callers of a
 * route that needs it get a 503 {@code dependency_unavailable} with {@code Retry-After} and later calls never reach
 * it; a message published through the outbox while SQS is down is kept and sent by the relay when SQS returns.
 */
class AwsFaultsTest {

  private static final Map<String, Object> FIGURES = new ConcurrentHashMap<>();

  private static FaultProxy sqs;
  private static FaultProxy s3;

  @BeforeAll
  static void proxies() {
    Assumptions.assumeTrue(System.getProperty("CATALOG_RESOURCE") == null, "runs on the real catalog, not the test domain's");
    TestEnvironment.ensure();
    TestStorage.get();
    sqs = proxyTo(System.getProperty("AWS_ENDPOINT_URL"));
    s3 = proxyTo(System.getProperty("AWS_ENDPOINT_URL_S3"));
  }

  @AfterAll
  static void close() {
    if (sqs == null) {
      return;
    }
    sqs.close();
    s3.close();
    Figures.write("aws-faults", FIGURES);
  }

  @Test
  void messages_published_while_sqs_is_down_are_kept_and_the_relay_sends_every_one_when_it_returns() {
    Invitations invitations = Invitations.sentAtOnce();

    sqs.refuse();
    sqs.cutAll();
    int published = 8;
    List<Integer> reachedSqs = new ArrayList<>();
    for (int i = 0; i < published; i++) {
      invitations.inviteAndWait();
      reachedSqs.add(sqs.refused());
    }
    List<UUID> kept = invitations.pending();
    assertThat(kept).as("every message of the outage kept in the outbox").hasSize(published);
    assertCircuitOpened("SQS", reachedSqs);

    sqs.resume();
    Set<String> delivered = invitations.relay(kept);
    FIGURES.put("sqs_published_during_outage", published);
    FIGURES.put("sqs_kept", kept.size());
    FIGURES.put("sqs_delivered_after", kept.stream().filter(id -> delivered.contains(id.toString())).count());
    FIGURES.put("sqs_calls_reaching_endpoint", reachedSqs.getLast());
    FIGURES.put("sqs_answers_201", published);
  }

  @Test
  void s3_down_answers_503_dependency_unavailable_and_once_the_circuit_is_open_calls_no_longer_reach_it() {
    Completions completions = Completions.ofPendingAttachment();

    s3.refuse();
    int calls = 8;
    List<Integer> reachedS3 = new ArrayList<>();
    try {
      for (int i = 0; i < calls; i++) {
        assertDependencyUnavailable(completions.complete());
        reachedS3.add(s3.refused());
      }
    } finally {
      s3.resume();
    }

    assertCircuitOpened("S3", reachedS3);
    assertThat(TestDatabase.rows("select status from support_attachments where organization_id = ?", completions.tenant().organizationId()))
        .as("nothing changed").singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("pending"));
    ApiResponse fresh = completions.completeInNewContainer();
    assertThat(fresh.status()).as("S3 answers again (nothing was uploaded): " + fresh).isEqualTo(409);
    FIGURES.put("s3_calls", calls);
    FIGURES.put("s3_answers_503", calls);
    FIGURES.put("s3_calls_reaching_endpoint", reachedS3.getLast());
  }

  /**
   * S3 answering nothing: each attempt waits out the SDK's socket timeout, so the first requests take three of them
   * before their 503; once those failures open the circuit, the next requests get theirs without touching S3. Slow
   * by nature (about half a minute), so only in {@code reliability/run}.
   */
  @Test
  @EnabledIfSystemProperty(named = "RELIABILITY_SLOW_ENDPOINTS", matches = "true")
  void s3_hanging_answers_503_after_its_timeouts_and_once_the_circuit_is_open_without_waiting_for_it() {
    Completions completions = Completions.ofPendingAttachment();

    s3.stall();
    int calls = 5;
    List<Integer> reachedS3 = new ArrayList<>();
    List<String> seconds = new ArrayList<>();
    int before = s3.accepted();
    try {
      for (int i = 0; i < calls; i++) {
        long started = System.nanoTime();
        assertDependencyUnavailable(completions.complete());
        seconds.add(secondsSince(started));
        reachedS3.add(s3.accepted() - before);
      }
    } finally {
      s3.resume();
    }

    assertCircuitOpened("S3", reachedS3);
    FIGURES.put("s3_hanging_calls", calls);
    FIGURES.put("s3_hanging_seconds_per_call", String.join(" ", seconds));
    FIGURES.put("s3_hanging_calls_reaching_endpoint", reachedS3.getLast());
  }

  /**
   * SQS answering nothing: a publishing request's sends each wait out the SDK's socket timeout before the outbox
   * keeps the message, and the request still succeeds; once those failures open the circuit, the next requests keep
   * their messages without waiting; when SQS answers again the relay sends every kept one. Slow by nature (the first
   * request takes three socket timeouts), so only in {@code reliability/run}.
   */
  @Test
  @EnabledIfSystemProperty(named = "RELIABILITY_SLOW_ENDPOINTS", matches = "true")
  void messages_published_while_sqs_hangs_are_kept_after_its_timeouts_and_the_relay_sends_every_one_when_it_answers() {
    Invitations invitations = Invitations.sentAtOnce();

    sqs.stall();
    int published = 5;
    List<Integer> reachedSqs = new ArrayList<>();
    List<String> seconds = new ArrayList<>();
    int before = sqs.accepted();
    try {
      for (int i = 0; i < published; i++) {
        long started = System.nanoTime();
        invitations.inviteAndWait();
        seconds.add(secondsSince(started));
        reachedSqs.add(sqs.accepted() - before);
      }
    } finally {
      // The sends the SDK gave up on are dropped, not delivered late: SQS answers again from a clean start.
      sqs.cutAll();
      sqs.resume();
    }
    List<UUID> kept = invitations.pending();
    assertThat(kept).as("every message of the hang kept in the outbox").hasSize(published);
    assertCircuitOpened("SQS", reachedSqs);

    Set<String> delivered = invitations.relay(kept);
    FIGURES.put("sqs_hanging_published", published);
    FIGURES.put("sqs_hanging_seconds_per_request", String.join(" ", seconds));
    FIGURES.put("sqs_hanging_kept", kept.size());
    FIGURES.put("sqs_hanging_delivered_after", kept.stream().filter(id -> delivered.contains(id.toString())).count());
    FIGURES.put("sqs_hanging_connections_reaching_endpoint", reachedSqs.getLast());
  }

  /** create-invitation's container with its SQS behind the proxy, inviting to one tenant whose messages are told apart. */
  private record Invitations(Tenant tenant, Map<String, String> throughProxy, LocalContainer container) {

    /** With SQS answering, a first invitation's message is sent at once: nothing waits in the outbox. */
    static Invitations sentAtOnce() {
      Map<String, String> throughProxy = Map.of("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqs.port());
      Invitations invitations = new Invitations(enterprise(), throughProxy,
          Lambda.withSettings(throughProxy, () -> Lambda.coldStart("create-invitation")));
      invitations.inviteAndWait();
      assertThat(invitations.pending()).as("sent at once while SQS answers").isEmpty();
      return invitations;
    }

    void inviteAndWait() {
      Api.Request invite = Api.post("/api/v1/organizations/" + tenant.organizationId() + "/invitations")
          .bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("email", "outage-" + UUID.randomUUID() + "@example.test", "role", "user"));
      ApiResponse r = Lambda.withSettings(throughProxy, () -> invite.sendTo(container));
      assertThat(r.status()).as("the invitation is made; its email waits if SQS does not take it: " + r).isEqualTo(201);
    }

    /** The tenant's messages kept in the outbox. */
    List<UUID> pending() {
      return TestDatabase.rows("select id from outbox_messages where queue = 'notifications' and body like ?",
              "%\"organization_id\":\"" + tenant.organizationId() + "\"%")
          .stream().map(r -> (UUID) r.get("id")).toList();
    }

    /** Runs the outbox relay once SQS answers again; answers the published ids found on the queue, every kept one among them. */
    Set<String> relay(List<UUID> kept) {
      // The relay takes a row once its publisher's grace period is over; the test does not wait it out.
      TestDatabase.execute("update outbox_messages set available_at = now() where id = any(?)", (Object) kept.toArray(new UUID[0]));
      JsonNode relayed = Json.tree(Lambda.withSettings(throughProxy, () -> Lambda.invoke(Lambda.coldStart("outbox-relay"),
          Events.scheduled("arn:aws:scheduler:us-east-1:0:schedule/default/outbox-relay").toString())));
      assertThat(pending()).as("the outbox drained").isEmpty();
      Set<String> delivered = publishedIdsOnQueue("notifications");
      assertThat(delivered).as("every kept message on the queue: " + relayed).containsAll(kept.stream().map(UUID::toString).toList());
      return delivered;
    }
  }

  /** complete-attachment's container with its S3 behind the proxy, completing one attachment never uploaded. */
  private record Completions(Tenant tenant, Api.Request request, Map<String, String> throughProxy, LocalContainer container) {

    static Completions ofPendingAttachment() {
      Tenant tenant = enterprise();
      String ticket = Api.post("/api/v1/support/tickets").bearer(tenant.token(Role.USER))
          .json(Map.of("subject", "S3 outage", "description", "a file", "priority", "normal")).send().json().path("id").asString();
      String attachment = Api.post("/api/v1/support/tickets/" + ticket + "/attachments").bearer(tenant.token(Role.USER))
          .json(Map.of("file_name", "notes.txt", "content_type", "text/plain", "size_bytes", 5)).send()
          .json().path("attachment").path("id").asString();
      Api.Request request = Api.post("/api/v1/support/tickets/" + ticket + "/attachments/" + attachment + "/complete")
          .bearer(tenant.token(Role.USER));
      Map<String, String> throughProxy = Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.port());
      return new Completions(tenant, request, throughProxy, Lambda.withSettings(throughProxy, () -> Lambda.coldStart("complete-attachment")));
    }

    ApiResponse complete() {
      return Lambda.withSettings(throughProxy, () -> request.sendTo(container));
    }

    ApiResponse completeInNewContainer() {
      return request.sendToNewContainer(throughProxy);
    }
  }

  /**
   * How many connections had reached the endpoint after each request of a fault: the first request tried it, and
   * from the third on none did, the circuit having opened.
   */
  private static void assertCircuitOpened(String endpoint, List<Integer> reached) {
    assertThat(reached.getFirst()).as("the first request tried " + endpoint).isPositive();
    assertThat(reached.getLast()).as("the circuit opened: from the third request on nothing reached " + endpoint + " " + reached)
        .isEqualTo(reached.get(2));
  }

  private static String secondsSince(long startedNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9);
  }

  private static void assertDependencyUnavailable(ApiResponse r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    assertThat(r.problem()).isEqualTo("dependency_unavailable");
    assertThat(r.header("retry-after")).isEqualTo("5");
  }

  private static FaultProxy proxyTo(String endpoint) {
    URI uri = URI.create(endpoint);
    return FaultProxy.to(uri.getHost(), uri.getPort());
  }

  private static Tenant enterprise() {
    Tenant tenant = Tenant.create();
    TestDatabase.execute("update organizations set plan = 'enterprise' where id = ?", tenant.organizationId());
    return tenant;
  }

  private static Set<String> publishedIdsOnQueue(String queue) {
    Set<String> ids = new HashSet<>();
    for (List<Message> batch = TestQueues.get().take(queue, 1); !batch.isEmpty(); batch = TestQueues.get().take(queue, 0)) {
      for (Message m : batch) {
        var id = m.messageAttributes().get(SqsQueueSender.PUBLISHED_ID_ATTRIBUTE);
        if (id != null) {
          ids.add(id.stringValue());
        }
      }
    }
    return ids;
  }
}

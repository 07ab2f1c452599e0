package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter under concurrency: many containers, each with its own connection, send requests
 * with one key at the same time; exactly the limit is admitted and every other request gets 429.
 */
class RateLimitConcurrencyTest {

  static final int CONTAINERS = 8;
  static final int REQUESTS_PER_CONTAINER = 3;
  static final int LIMIT = 7;

  final Tenant tenant = Keys.tenant();

  @Test
  void parallel_requests_in_several_containers_admit_exactly_the_limit() {
    TestApiKey key = TestApiKey.create(tenant.organizationId(), LIMIT, 3600, "keys:read");
    List<ApiResponse> responses = inParallel(name -> Api.get("/api/v1/keys").bearer(key.secret()), "list-keys");

    assertAdmittedExactlyTheLimit(responses);
    int counted = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select requests from api_key_rate_windows where key_id = ?")
        .bind(0, key.id()).mapTo(Integer.class).one());
    assertThat(counted).isEqualTo(CONTAINERS * REQUESTS_PER_CONTAINER);
    Map<String, Object> usage = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select sum(status_2xx) as ok, sum(status_4xx) as limited from api_key_usage where key_id = ?")
        .bind(0, key.id()).mapToMap().one());
    assertThat(((Number) usage.get("ok")).intValue()).isEqualTo(LIMIT);
    assertThat(((Number) usage.get("limited")).intValue()).isEqualTo(CONTAINERS * REQUESTS_PER_CONTAINER - LIMIT);
  }

  @Test
  void parallel_verifies_admit_exactly_the_limit() {
    TestApiKey key = TestApiKey.create(tenant.organizationId(), LIMIT, 3600, "keys:read");
    List<ApiResponse> responses = inParallel(name -> Api.post("/api/v1/keys/verify").json(Map.of("key", key.secret())), "verify-key");

    long valid = responses.stream().filter(r -> r.json().path("code").asString().equals("VALID")).count();
    long limited = responses.stream().filter(r -> r.json().path("code").asString().equals("RATE_LIMITED")).count();
    assertThat(valid).isEqualTo(LIMIT);
    assertThat(limited).isEqualTo(CONTAINERS * REQUESTS_PER_CONTAINER - LIMIT);
  }

  static void assertAdmittedExactlyTheLimit(List<ApiResponse> responses) {
    assertThat(responses).hasSize(CONTAINERS * REQUESTS_PER_CONTAINER);
    assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(LIMIT);
    assertThat(responses.stream().filter(r -> r.status() == 429)).hasSize(CONTAINERS * REQUESTS_PER_CONTAINER - LIMIT);
    assertThat(responses.stream().filter(r -> r.status() == 429).map(r -> r.header("ratelimit-remaining"))).containsOnly("0");
  }

  /** Starts the containers first, then lets them all send at once, each its requests one after another. */
  static List<ApiResponse> inParallel(Function<String, Api.Request> request, String function) {
    List<LocalContainer> containers = IntStream.range(0, CONTAINERS).mapToObj(i -> Lambda.coldStart(function)).toList();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<List<ApiResponse>>> running = new ArrayList<>();
    for (LocalContainer container : containers) {
      running.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(start);
        List<ApiResponse> out = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_CONTAINER; i++) {
          out.add(request.apply(function).sendTo(container));
        }
        return out;
      }, command -> Thread.ofPlatform().start(command)));
    }
    start.countDown();
    return running.stream().flatMap(f -> f.join().stream()).toList();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

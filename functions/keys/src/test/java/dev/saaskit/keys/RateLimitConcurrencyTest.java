package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Parallel;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
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
    List<ApiResponse> responses = Parallel.send("list-keys", CONTAINERS, REQUESTS_PER_CONTAINER, () -> Api.get("/api/v1/keys").bearer(key.secret()));

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
    List<ApiResponse> responses = Parallel.send("verify-key", CONTAINERS, REQUESTS_PER_CONTAINER, () -> Api.post("/api/v1/keys/verify").json(Map.of("key", key.secret())));

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
}

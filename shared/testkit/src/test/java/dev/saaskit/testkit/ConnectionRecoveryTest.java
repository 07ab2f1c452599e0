package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saaskit.shared.identity.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;


/** The container's one connection: re-opened when it breaks, and a clear 503 when there is no database. */
class ConnectionRecoveryTest {

  final String token = Tokens.member(UUID.randomUUID(), Role.USER);

  @Test
  void a_connection_killed_between_requests_is_replaced_without_failing_the_request() {
    assertThat(Api.get("/things").bearer(token).send().status()).isEqualTo(200);

    // Every other session of the database, the container's among them. Through a transaction
    // pooler the container holds no server session of its own between requests, so there is
    // nothing of it to break there.
    int killed = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            """
            select count(pg_terminate_backend(pid)) from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            """)
        .mapTo(Integer.class).one());

    assumeTrue(killed >= 1, "connected through a pooler: no server session belongs to the container");
    assertThat(Api.get("/things").bearer(token).send().status()).isEqualTo(200);
  }

  @Test
  void no_database_is_a_503_that_says_retry() {
    ApiResponse r = Api.get("/things").bearer(token)
        .sendToNewContainer(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=2"));

    assertProblem(r, 503, "database_unavailable");
    assertThat(r.header("retry-after")).isEqualTo("5");
  }
}

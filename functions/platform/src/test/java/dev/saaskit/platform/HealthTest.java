package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Nested
  class Ok {
    @Test
    void answers_when_the_database_does() {
      ApiResponse r = Api.get("/health").send();

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("ok");
      assertThat(r.json().path("database").asString()).isEqualTo("ok");
      assertThat(r.header("content-type")).isEqualTo("application/json");
      assertThat(r.header("x-request-id")).isNotBlank();
    }
  }

  @Nested
  class ServiceUnavailable {
    @Test
    void says_so_when_the_database_is_down() {
      ApiResponse r = Api.get("/health").sendToNewContainer(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/none"));

      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("content-type")).isEqualTo("application/problem+json");
      assertThat(r.problem()).isEqualTo("database_unavailable");
      assertThat(r.header("retry-after")).isEqualTo("5");
    }
  }
}

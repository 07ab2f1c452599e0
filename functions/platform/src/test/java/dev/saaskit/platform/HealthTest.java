package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void ok_when_the_database_answers() {
    ApiResponse response = Api.get("/health").send();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asString()).isEqualTo("ok");
    assertThat(response.json().path("database").asString()).isEqualTo("ok");
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
  }
}

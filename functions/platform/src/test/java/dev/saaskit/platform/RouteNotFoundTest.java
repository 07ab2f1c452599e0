package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import org.junit.jupiter.api.Test;

class RouteNotFoundTest {

  @Test
  void an_unknown_route_is_a_problem_json_404() {
    ApiResponse r = Api.get("/api/v1/nothing-here?x=1").send();

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    assertThat(r.problem()).isEqualTo("route_not_found");
    assertThat(r.json().path("detail").asString()).isEqualTo("no route matches GET /api/v1/nothing-here");
  }

  @Test
  void a_known_path_with_another_method_is_not_found_either() {
    ApiResponse r = Api.delete("/health").send();
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problem()).isEqualTo("route_not_found");
  }

  @Test
  void the_body_of_an_unknown_route_is_never_read() {
    ApiResponse r = Api.post("/nope").json("{not json").send();
    assertThat(r.problem()).isEqualTo("route_not_found");
  }
}

package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on problem+json answers: status, type, a public detail, no trace of an exception. */
public final class Problems {

  private Problems() {}

  /** A problem+json answer of this status and type, with no trace of an exception. */
  public static ApiResponse assertProblem(ApiResponse r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("type").asString()).isEqualTo("/problems/" + code);
    assertThat(p.path("detail").asString()).isNotBlank();
    assertThat(p.path("request_id").asString()).isEqualTo(r.header("x-request-id"));
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  /** A 400 naming {@code field} with {@code message}. */
  public static ApiResponse assertFieldError(ApiResponse r, String field, String message) {
    assertProblem(r, 400, "validation_failed");
    assertThat((Iterable<JsonNode>) r.json().path("errors")).as(r.toString())
        .anySatisfy(e -> {
          assertThat(e.path("field").asString()).isEqualTo(field);
          assertThat(e.path("message").asString()).contains(message);
        });
    return r;
  }
}

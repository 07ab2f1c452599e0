package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A database constraint that a handler did not check first still answers 4xx, never 500. */
class ConstraintViolationTest {

  static ApiResponse insert(String slug) {
    return Api.post("/unchecked").json("{\"slug\": \"" + slug + "\"}").send();
  }

  @Test
  void a_unique_violation_is_a_conflict() {
    String slug = "u-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(insert(slug).status()).isEqualTo(204);
    assertProblem(insert(slug), 409, "conflict");
  }

  @Test
  void the_logged_error_names_the_failure_but_never_a_bound_value() {
    String slug = "secret-" + UUID.randomUUID().toString().substring(0, 8);
    insert(slug);

    JsonNode record = InvocationLog.of(() -> insert(slug));

    assertThat(record.path("error").asString()).contains("duplicate key value violates unique constraint").doesNotContain(slug);
  }

  @Test
  void a_check_violation_is_a_validation_failure() {
    assertProblem(insert("NOT A SLUG"), 400, "validation_failed");
  }

  @Test
  void a_missing_value_is_a_validation_failure() {
    assertProblem(Api.post("/unchecked").json("{}").send(), 400, "validation_failed");
  }
}

package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.fixture.Boom;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every kind of bad body gets a 4xx problem+json naming the problem, before the handler runs. */
class RequestBodyTest {

  static ApiResponse echo(String json) {
    return Api.post("/echo").json(json).send();
  }

  static void assertProblem(ApiResponse r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("type").asString()).isEqualTo("/problems/" + code);
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("title").asString()).isNotBlank();
    assertThat(p.path("detail").asString()).isNotBlank();
    assertThat(p.path("request_id").asString()).isEqualTo(r.header("x-request-id"));
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Nested
  class Ok {
    @Test
    void a_valid_body_reaches_the_handler_with_snake_case_fields() {
      ApiResponse r = echo("""
          {"name": "Ada", "count": 3, "tags": ["a", "b"], "nested": {"level": 2, "label": "x"},
           "ref": "0190f5b8-7c5e-7d2a-9b7e-3c1f5d9e8a21", "at": "2030-01-31T12:00:00Z", "flag": true}
          """);

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("application/json");
      assertThat(r.json().path("nested").path("level").asInt()).isEqualTo(2);
      assertThat(r.json().path("at").asString()).isEqualTo("2030-01-31T12:00:00Z");
      assertThat(r.header("cache-control")).isEqualTo("no-store");
    }

    @Test
    void content_type_with_charset_is_json() {
      ApiResponse r = Api.post("/echo").header("content-type", "application/json; charset=utf-8").json("{\"name\":\"Ada\"}").send();
      assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void a_base64_encoded_body_is_decoded() {
      ApiResponse r = Api.post("/echo").body("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), "application/json", true).send();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("name").asString()).isEqualTo("Ada");
    }

    @Test
    void sql_and_script_meta_characters_are_data() {
      ApiResponse r = echo("{\"name\": \"'; drop table x;--\", \"tags\": [\"<script>\", \"\\\"\"]}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().path("name").asString()).isEqualTo("'; drop table x;--");
      assertThat(r.json().path("tags").get(0).asString()).isEqualTo("<script>");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void malformed_json() {
      ApiResponse r = echo("{\"name\": ");
      assertProblem(r, 400, "malformed_json");
      assertThat(r.json().path("detail").asString()).contains("line 1");
    }

    @Test
    void empty_body() {
      assertProblem(Api.post("/echo").header("content-type", "application/json").send(), 400, "malformed_json");
    }

    @Test
    void body_that_is_not_an_object() {
      assertProblem(echo("[1, 2]"), 400, "malformed_json");
      assertProblem(echo("\"text\""), 400, "malformed_json");
      assertProblem(echo("null"), 400, "malformed_json");
    }

    @Test
    void trailing_content_after_the_object() {
      assertProblem(echo("{\"name\": \"a\"} {}"), 400, "malformed_json");
    }

    @Test
    void unknown_field_is_named() {
      ApiResponse r = echo("{\"name\": \"a\", \"nested\": {\"level\": 1, \"colour\": \"red\"}}");
      assertProblem(r, 400, "validation_failed");
      assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("nested.colour");
      assertThat(r.json().path("errors").get(0).path("message").asString()).isEqualTo("is not a known field");
    }

    @Test
    void wrong_types_are_named_with_their_path() {
      assertField(echo("{\"name\": \"a\", \"count\": \"3\"}"), "count", "must be a whole number");
      assertField(echo("{\"name\": \"a\", \"count\": 2.5}"), "count", "must be a whole number");
      assertField(echo("{\"name\": 12}"), "name", "must be a string");
      assertField(echo("{\"name\": \"a\", \"tags\": \"x\"}"), "tags", "must be a list");
      assertField(echo("{\"name\": \"a\", \"tags\": [\"x\", 3]}"), "tags[1]", "must be a string");
      assertField(echo("{\"name\": \"a\", \"ref\": \"not-a-uuid\"}"), "ref", "must be a UUID");
      assertField(echo("{\"name\": \"a\", \"at\": \"yesterday\"}"), "at", "must be an ISO-8601 timestamp such as 2030-01-31T12:00:00Z");
      assertField(echo("{\"name\": \"a\", \"flag\": \"yes\"}"), "flag", "must be true or false");
      assertField(echo("{\"name\": \"a\", \"nested\": 5}"), "nested", "must be an object");
    }

    @Test
    void a_number_too_large_for_its_field_is_named_not_called_bad_json() {
      assertField(echo("{\"name\": \"a\", \"count\": 99999999999}"), "count", "is out of range");
      assertField(echo("{\"name\": \"a\", \"nested\": {\"level\": -99999999999}}"), "nested.level", "is out of range");
    }

    @Test
    void missing_required_field() {
      assertField(echo("{}"), "name", "is required");
    }

    @Test
    void every_invalid_field_is_reported_at_once() {
      ApiResponse r = echo("{\"name\": \"   \", \"count\": 11, \"nested\": {\"level\": 9}}");
      assertProblem(r, 400, "validation_failed");
      assertThat(r.json().path("errors").size()).isEqualTo(3);
      assertThat(r.json().path("errors").valueStream().map(e -> e.path("field").asString()))
          .containsExactly("name", "count", "nested.level");
    }

    @Test
    void text_over_its_length_and_control_characters() {
      assertField(echo("{\"name\": \"" + "x".repeat(21) + "\"}"), "name", "must be at most 20 characters");
      assertField(echo("{\"name\": \"a\\u0000b\"}"), "name", "must not contain control characters");
    }

    @Test
    void invalid_uuid_in_the_path() {
      ApiResponse r = Api.get("/things/12345").bearer(Tokens.user()).send();
      assertProblem(r, 400, "invalid_parameter");
      assertThat(r.json().path("detail").asString()).contains("'id'");
    }
  }

  @Nested
  class PayloadTooLarge {
    @Test
    void body_over_one_mebibyte() {
      String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
      assertProblem(echo(big), 413, "payload_too_large");
    }
  }

  @Nested
  class UnsupportedMediaType {
    @Test
    void form_body() {
      ApiResponse r = Api.post("/echo").body("name=a".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", false).send();
      assertProblem(r, 415, "unsupported_media_type");
    }

    @Test
    void missing_content_type() {
      ApiResponse r = Api.post("/echo").body("{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8), null, false).send();
      assertProblem(r, 415, "unsupported_media_type");
    }
  }

  @Nested
  class InternalError {
    @Test
    void an_unexpected_exception_is_a_500_without_detail() {
      ApiResponse r = Api.get("/boom").send();
      assertProblem(r, 500, "internal_error");
      assertThat(r.body()).doesNotContain(Boom.SECRET).doesNotContain("IllegalStateException");
    }
  }

  static void assertField(ApiResponse r, String field, String message) {
    assertProblem(r, 400, "validation_failed");
    assertThat(r.json().path("errors").get(0).path("field").asString()).as(r.body()).isEqualTo(field);
    assertThat(r.json().path("errors").get(0).path("message").asString()).as(r.body()).isEqualTo(message);
  }
}

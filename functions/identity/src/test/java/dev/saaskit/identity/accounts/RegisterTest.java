package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.count;
import static dev.saaskit.identity.TestUsers.registerResponse;
import static dev.saaskit.identity.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Mailbox;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RegisterTest {

  static ApiResponse register(String json) {
    return Api.post("/api/v1/register").json(json).send();
  }

  static long users(String email) {
    return count("select count(*) from users where email = ?", email);
  }

  @Nested
  class Ok {
    @Test
    void creates_the_account_its_organization_and_a_session() {
      String email = uniqueEmail();
      ApiResponse r = registerResponse(email, "correct horse battery", "Ada Lovelace", "Analytical Engines Ltd.");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode json = r.json();
      assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
      assertThat(json.path("expires_in").asInt()).isEqualTo(900);
      assertThat(json.path("refresh_token").asString()).hasSize(43);
      assertThat(json.path("user").path("email").asString()).isEqualTo(email);
      assertThat(json.path("user").path("email_verified").asBoolean()).isFalse();
      assertThat(json.path("user").path("full_name").asString()).isEqualTo("Ada Lovelace");
      assertThat(json.path("organization").path("name").asString()).isEqualTo("Analytical Engines Ltd.");
      assertThat(json.path("organization").path("slug").asString()).startsWith("analytical-engines-ltd");
      assertThat(json.path("organization").path("plan").asString()).isEqualTo("free");
      assertThat(json.path("organization").path("role").asString()).isEqualTo("org_admin");
      assertThat(r.header("location")).isEqualTo("/api/v1/users/" + json.path("user").path("id").asString());
      assertThat(r.header("cache-control")).isEqualTo("no-store");

      ApiResponse me = TestUsers.me(json.path("access_token").asString());
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().path("role").asString()).isEqualTo("org_admin");
      UUID user = UUID.fromString(json.path("user").path("id").asString());
      assertThat(TestUsers.audits("user.registered", user)).isEqualTo(1);
      assertThat(count("select count(*) from users where id = ? and password_hash like '$2a$%'", user)).isEqualTo(1);
    }

    @Test
    void queues_the_verification_email() {
      String email = uniqueEmail();
      JsonNode org = registerResponse(email, "correct horse battery", "Ada", "Engines").json().path("organization");

      JsonNode message = Mailbox.take(email, "verify_email");
      assertThat(message.path("to").asString()).isEqualTo(email);
      assertThat(message.path("organization_id").asString()).isEqualTo(org.path("id").asString());
      assertThat(message.path("variables").path("full_name").asString()).isEqualTo("Ada");
      assertThat(message.path("variables").path("token").asString()).hasSize(43);
      assertThat(message.path("variables").path("expires_at").asString()).isNotBlank();
      assertThat(count("select count(*) from user_tokens where email = ? and purpose = 'verify_email'", email)).isEqualTo(1);
    }

    @Test
    void the_same_organization_name_gets_another_slug() {
      String name = "Slug Clash " + UUID.randomUUID();
      String first = registerResponse(uniqueEmail(), "correct horse battery", "A", name).json().path("organization").path("slug").asString();
      String second = registerResponse(uniqueEmail(), "correct horse battery", "B", name).json().path("organization").path("slug").asString();
      assertThat(first).isNotEqualTo(second);
      assertThat(second).startsWith(first + "-");
    }

    @Test
    void a_name_too_short_for_a_slug_gets_a_longer_one() {
      ApiResponse r = registerResponse(uniqueEmail(), "correct horse battery", "Bo", "B");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("organization").path("name").asString()).isEqualTo("B");
      assertThat(r.json().path("organization").path("slug").asString()).matches("b-org(-[a-z0-9]+)?");
      assertThat(registerResponse(uniqueEmail(), "correct horse battery", "Bo", "!!").json().path("organization").path("slug").asString())
          .matches("org(-[a-z0-9]+)?");
    }

    @Test
    void emails_are_stored_nfc_and_lower_case_and_match_any_spelling() {
      String local = "zoe\u0308-" + UUID.randomUUID();
      ApiResponse r = registerResponse(local.toUpperCase() + "@Exa\u0301mple.COM", "correct horse battery", "Zoë", "Zoë's Café");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      String stored = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFC) + "@exámple.com";
      assertThat(r.json().path("user").path("email").asString()).isEqualTo(stored);
      assertThat(r.json().path("organization").path("slug").asString()).startsWith("zoe-s-cafe");
      assertThat(TestUsers.login(stored.toUpperCase(), "correct horse battery").status()).isEqualTo(200);
    }

    @Test
    void sql_and_script_meta_characters_are_stored_as_data() {
      String email = "o'brien+<script>-" + UUID.randomUUID() + "@example.com";
      ApiResponse r = registerResponse(email, "'; drop table users; --", "<script>alert(1)</script>", "Robert'); DROP TABLE organizations;--");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("user").path("full_name").asString()).isEqualTo("<script>alert(1)</script>");
      assertThat(r.json().path("organization").path("name").asString()).isEqualTo("Robert'); DROP TABLE organizations;--");
      assertThat(r.json().path("organization").path("slug").asString()).startsWith("robert-drop-table-organizations");
      assertThat(TestUsers.login(email, "'; drop table users; --").status()).isEqualTo(200);
    }

    @Test
    void an_idempotency_key_is_not_honoured_since_the_answer_holds_tokens() {
      String key = UUID.randomUUID().toString();
      String email = uniqueEmail();
      String body = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"full_name\":\"A\",\"organization_name\":\"B\"}";
      ApiResponse first = Api.post("/api/v1/register").idempotencyKey(key).json(body).send();
      ApiResponse second = Api.post("/api/v1/register").idempotencyKey(key).json(body).send();

      assertThat(first.status()).isEqualTo(201);
      assertProblem(second, 409, "conflict");
      assertThat(count("select count(*) from idempotency_keys where key = ?", key)).isZero();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void each_field_rule() {
      String email = uniqueEmail();
      assertFieldError(registerResponse("not-an-email", "correct horse battery", "A", "B"), "email", "must be an email address");
      assertFieldError(registerResponse(email, "", "A", "B"), "password", "at least 10 characters");
      assertFieldError(registerResponse(email, "short", "A", "B"), "password", "at least 10 characters");
      assertFieldError(registerResponse(email, "x".repeat(10 * 1024), "A", "B"), "password", "at most 128 bytes");
      assertFieldError(registerResponse(email, email.toUpperCase(), "A", "B"), "password", "must not be the email address");
      assertFieldError(registerResponse(email, "correct horse battery", " ", "B"), "full_name", "must not be blank");
      assertFieldError(registerResponse(email, "correct horse battery", "A".repeat(201), "B"), "full_name", "at most 200");
      assertFieldError(registerResponse(email, "correct horse battery", "A", "line\nbreak"), "organization_name", "control characters");
      assertFieldError(register("{\"email\": \"" + email + "\"}"), "password", "is required");
      assertThat(users(email)).isZero();
    }

    @Test
    void every_missing_field_is_named_at_once() {
      ApiResponse r = assertProblem(register("{}"), 400, "validation_failed");
      assertThat(r.json().path("errors").size()).isEqualTo(4);
    }

    @Test
    void wrong_types_unknown_fields_and_malformed_bodies() {
      assertFieldError(register("{\"email\": 42, \"password\": \"correct horse battery\", \"full_name\": \"A\", \"organization_name\": \"B\"}"),
          "email", "must be a string");
      assertFieldError(register("{\"email\": [\"a@b.co\"], \"password\": \"x\", \"full_name\": \"A\", \"organization_name\": \"B\"}"),
          "email", "must be a string");
      assertFieldError(register("{\"email\": \"a@b.co\", \"password\": \"correct horse battery\", \"full_name\": \"A\", \"organization_name\": \"B\", \"role\": \"super_admin\"}"),
          "role", "is not a known field");
      assertProblem(register("{\"email\": "), 400, "malformed_json");
      assertProblem(register("[]"), 400, "malformed_json");
      assertProblem(Api.post("/api/v1/register").body("email=a".getBytes(), "application/x-www-form-urlencoded", false).send(),
          415, "unsupported_media_type");
      assertProblem(register("{\"email\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}"), 413, "payload_too_large");
    }
  }

  @Nested
  class Conflict {
    @Test
    void an_email_already_registered_in_any_spelling_leaves_nothing_behind() {
      String email = uniqueEmail();
      registerResponse(email, "correct horse battery", "A", "First");
      String orgName = "Never Created " + UUID.randomUUID();

      ApiResponse r = assertProblem(registerResponse(email.toUpperCase(), "another horse battery", "B", orgName), 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("email_taken");
      assertThat(users(email)).isEqualTo(1);
      assertThat(Mailbox.take(email, "sign_up_attempted").path("to").asString()).as("the address's owner hears of it").isEqualTo(email);
      assertThat(count("select count(*) from organizations where name = ?", orgName)).isZero();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void when_self_service_sign_up_is_switched_off() {
      String email = uniqueEmail();
      ApiResponse r = Api.post("/api/v1/register")
          .json(Map.of("email", email, "password", "correct horse battery", "full_name", "A", "organization_name", "B"))
          .sendToNewContainer(Map.of("SELF_SIGNUP_ENABLED", "false"));

      assertProblem(r, 403, "forbidden");
      assertThat(users(email)).isZero();
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void a_fourth_sign_up_for_one_address_within_the_window_is_refused_before_any_work() {
      String email = uniqueEmail();
      for (int i = 0; i < 3; i++) {
        registerResponse(email, "correct horse battery", "A", "Org " + i);
      }

      ApiResponse r = registerResponse(email, "correct horse battery", "A", "Never Created");

      assertProblem(r, 429, "rate_limited");
      assertThat(r.json().path("code").asString()).isEqualTo("too_many_attempts");
      assertThat(r.header("retry-after")).isNotBlank();
      assertThat(count("select count(*) from organizations where name = ?", "Never Created")).isZero();
    }

    @Test
    void twenty_sign_ups_from_one_address_lock_it_for_every_email() {
      String ip = Api.randomSourceIp();
      for (int i = 0; i < 20; i++) {
        Api.post("/api/v1/register").sourceIp(ip)
            .json(Map.of("email", uniqueEmail(), "password", "correct horse battery", "full_name", "A", "organization_name", "B")).send();
      }

      ApiResponse r = Api.post("/api/v1/register").sourceIp(ip)
          .json(Map.of("email", uniqueEmail(), "password", "correct horse battery", "full_name", "A", "organization_name", "B")).send();

      assertProblem(r, 429, "rate_limited");
    }
  }
}

package dev.saaskit.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code seed-super-admin}, invoked directly as an operator (or the emulator) does. */
class SeedSuperAdminTest {

  static JsonNode seed(Map<String, String> input) {
    return Json.tree(Lambda.invoke("seed-super-admin", Json.write(input)));
  }

  static String rolesOf(String email) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select platform_roles::text from users where email = ?")
        .bind(0, email).mapTo(String.class).one());
  }

  @Nested
  class Ok {
    @Test
    void creates_a_super_admin_with_a_generated_password_shown_once_who_signs_in_to_the_platform_organization() {
      String email = TestUsers.uniqueEmail();

      JsonNode first = seed(Map.of("email", email));

      assertThat(first.path("created").asBoolean()).isTrue();
      String password = first.path("password").asString();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(rolesOf(email)).isEqualTo("{super_admin}");
      ApiResponse login = TestUsers.login(email, password);
      assertThat(login.status()).as(login.toString()).isEqualTo(200);
      assertThat(login.json().path("organization").path("slug").asString()).isEqualTo("platform");
      assertThat(login.json().path("organization").path("role").asString()).isEqualTo("org_admin");
      assertThat(login.json().path("user").path("platform_roles").toString()).isEqualTo("[\"super_admin\"]");

      JsonNode again = seed(Map.of("email", email));
      assertThat(again.path("created").asBoolean()).isFalse();
      assertThat(again.path("password").isNull()).as("an existing account keeps its password").isTrue();
      assertThat(TestUsers.login(email, password).status()).isEqualTo(200);
    }

    @Test
    void makes_an_existing_account_super_admin_with_the_password_given() {
      TestUsers.Account account = TestUsers.register();

      JsonNode result = seed(Map.of("email", account.email(), "password", "a new long passphrase"));

      assertThat(result.path("created").asBoolean()).isFalse();
      assertThat(result.path("password").isNull()).isTrue();
      assertThat(rolesOf(account.email())).isEqualTo("{super_admin}");
      assertThat(TestUsers.login(account.email(), "a new long passphrase").status()).isEqualTo(200);
      assertThat(TestUsers.login(account.email(), account.password()).status()).isEqualTo(401);
    }
  }

  @Nested
  class BadInput {
    @Test
    void an_address_that_is_not_an_email_or_a_short_password_fails_the_invocation_and_writes_nothing() {
      assertThatThrownBy(() -> seed(Map.of("email", "not an email"))).hasStackTraceContaining("email: must be an email address");
      String email = TestUsers.uniqueEmail();
      assertThatThrownBy(() -> seed(Map.of("email", email, "password", "short"))).hasStackTraceContaining("password: must be at least 10 characters");
      int accounts = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from users where email = ?")
          .bind(0, email).mapTo(Integer.class).one());
      assertThat(accounts).isZero();
    }
  }
}

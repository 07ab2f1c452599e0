package dev.saaskit.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.validation.Violations;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  static String firstError(String password, String email) {
    Violations v = new Violations();
    Passwords.validate(v, "password", password, email);
    return v.isEmpty() ? null : v.errors().get(0).message();
  }

  @Nested
  class Rules {
    @Test
    void each_rule_names_itself() {
      assertThat(firstError(null, null)).isEqualTo("is required");
      assertThat(firstError("", null)).isEqualTo("must be at least 10 characters");
      assertThat(firstError("123456789", null)).isEqualTo("must be at least 10 characters");
      assertThat(firstError("x".repeat(129), null)).isEqualTo("must be at most 128 bytes");
      assertThat(firstError("x".repeat(10 * 1024), null)).isEqualTo("must be at most 128 bytes");
      assertThat(firstError("Ada@Example.com", "ada@example.com")).isEqualTo("must not be the email address");
    }

    @Test
    void lengths_count_characters_at_least_and_bytes_at_most() {
      assertThat(firstError("éééééééééé", null)).isNull();
      assertThat(firstError("😀".repeat(32), null)).isNull();
      assertThat(firstError("😀".repeat(33), null)).isEqualTo("must be at most 128 bytes");
      assertThat(firstError("x".repeat(128), null)).isNull();
    }
  }

  @Nested
  class Hashing {
    @Test
    void bcrypt_at_the_default_cost_and_every_byte_counts() {
      String hash = Passwords.hash("correct horse battery staple");
      assertThat(hash).startsWith("$2a$10$");
      assertThat(Passwords.matches("correct horse battery staple", hash)).isTrue();
      assertThat(Passwords.matches("correct horse battery stapl", hash)).isFalse();

      // bcrypt alone reads 72 bytes; passwords that differ only after byte 72 must differ.
      String longer = "a".repeat(100) + "1";
      String longHash = Passwords.hash(longer);
      assertThat(Passwords.matches(longer, longHash)).isTrue();
      assertThat(Passwords.matches("a".repeat(100) + "2", longHash)).isFalse();
    }

    @Test
    void no_hash_never_matches() {
      assertThat(Passwords.matches("anything at all", null)).isFalse();
    }
  }

  @Test
  void emails_compare_after_nfc_and_lower_case() {
    assertThat(Emails.normalize("ZOE\u0308@Example.COM")).isEqualTo("zo\u00eb@example.com");
    assertThat(Emails.normalize("zo\u00eb@example.com")).isEqualTo(Emails.normalize("Zoe\u0308@EXAMPLE.com"));
  }
}

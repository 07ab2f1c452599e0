package dev.saaskit.shared.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

  @Test
  void a_new_key_has_the_format_and_a_matching_checksum() {
    String live = ApiKeyFormat.generate("live");
    String test = ApiKeyFormat.generate("test");

    assertThat(live).matches("vk_live_[0-9A-Za-z]{38}");
    assertThat(test).matches("vk_test_[0-9A-Za-z]{38}");
    assertThat(ApiKeyFormat.isWellFormed(live)).isTrue();
    assertThat(ApiKeyFormat.isWellFormed(test)).isTrue();
    assertThat(ApiKeyFormat.environment(live)).isEqualTo("live");
    assertThat(ApiKeyFormat.environment(test)).isEqualTo("test");
  }

  @Test
  void keys_do_not_repeat() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add(ApiKeyFormat.generate("live"));
    }
    assertThat(keys).hasSize(10_000);
  }

  @Test
  void every_single_character_typo_fails_the_checksum() {
    String key = ApiKeyFormat.generate("live");
    for (int i = "vk_live_".length(); i < key.length(); i++) {
      char original = key.charAt(i);
      char typo = original == 'a' ? 'b' : 'a';
      String mistyped = key.substring(0, i) + typo + key.substring(i + 1);
      assertThat(ApiKeyFormat.isWellFormed(mistyped)).as("typo at %d", i).isFalse();
    }
    String swapped = key.substring(0, 10) + key.charAt(11) + key.charAt(10) + key.substring(12);
    assertThat(swapped.equals(key) || !ApiKeyFormat.isWellFormed(swapped)).isTrue();
  }

  @Test
  void malformed_keys_are_not_well_formed() {
    String key = ApiKeyFormat.generate("live");
    assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
    assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
    assertThat(ApiKeyFormat.isWellFormed("vk_live_")).isFalse();
    assertThat(ApiKeyFormat.isWellFormed(key.substring(0, key.length() - 1))).isFalse();
    assertThat(ApiKeyFormat.isWellFormed(key + "0")).isFalse();
    assertThat(ApiKeyFormat.isWellFormed("vk_prod_" + key.substring(8))).isFalse();
    assertThat(ApiKeyFormat.isWellFormed("vk_test_" + key.substring(8))).isFalse();
    assertThat(ApiKeyFormat.isWellFormed(key.substring(0, 20) + "-" + key.substring(21))).isFalse();
    assertThat(ApiKeyFormat.isWellFormed(key.toUpperCase())).isFalse();
  }

  @Test
  void the_hash_is_sha256_and_the_prefix_shows_six_random_characters() {
    String key = ApiKeyFormat.generate("test");

    assertThat(ApiKeyFormat.hash(key)).hasSize(32);
    assertThat(ApiKeyFormat.hash("abc")).isEqualTo(HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assertThat(ApiKeyFormat.displayPrefix(key)).isEqualTo(key.substring(0, 14)).startsWith("vk_test_");
  }

  @Test
  void only_live_and_test_environments_exist() {
    assertThatThrownBy(() -> ApiKeyFormat.generate("prod")).isInstanceOf(IllegalArgumentException.class);
  }
}

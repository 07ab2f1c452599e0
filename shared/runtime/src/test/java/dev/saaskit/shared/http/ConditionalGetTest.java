package dev.saaskit.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalGetTest {

  final String etag = ConditionalGet.tag("<p>hello</p>");

  @Test
  void the_tag_follows_the_body() {
    assertThat(etag).isEqualTo(ConditionalGet.tag("<p>hello</p>")).isNotEqualTo(ConditionalGet.tag("<p>hello!</p>"));
    assertThat(etag).matches("\"[A-Za-z0-9_-]{27}\"");
  }

  @Test
  void if_none_match_names_it_strong_weak_in_a_list_or_as_any() {
    assertThat(ConditionalGet.matches(etag, etag)).isTrue();
    assertThat(ConditionalGet.matches("W/" + etag, etag)).isTrue();
    assertThat(ConditionalGet.matches("\"a\", " + etag, etag)).isTrue();
    assertThat(ConditionalGet.matches("*", etag)).isTrue();
  }

  @Test
  void another_tag_or_none() {
    assertThat(ConditionalGet.matches("\"a\"", etag)).isFalse();
    assertThat(ConditionalGet.matches(null, etag)).isFalse();
    assertThat(ConditionalGet.matches(etag.substring(1), etag)).isFalse();
  }
}

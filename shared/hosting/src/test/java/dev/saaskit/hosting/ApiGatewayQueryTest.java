package dev.saaskit.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayQueryTest {

  @Test
  void decodes_and_joins_repeated_names_with_commas() {
    assertThat(ApiGatewayQuery.parameters("q=a%20b&tag=x&tag=y&flag&&empty="))
        .containsExactly(Map.entry("q", "a b"), Map.entry("tag", "x,y"), Map.entry("flag", ""), Map.entry("empty", ""));
  }

  @Test
  void a_part_that_is_not_valid_percent_encoding_stays_as_sent() {
    assertThat(ApiGatewayQuery.parameters("q=100%")).containsExactly(Map.entry("q", "100%"));
  }

  @Test
  void no_query_is_no_parameters() {
    assertThat(ApiGatewayQuery.parameters(null)).isEmpty();
    assertThat(ApiGatewayQuery.parameters("")).isEmpty();
  }
}

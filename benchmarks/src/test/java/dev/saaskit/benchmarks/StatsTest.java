package dev.saaskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void median_of_an_odd_count_is_the_middle_value() {
    assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0));
  }

  @Test
  void median_of_an_even_count_is_the_mean_of_the_middle_two() {
    assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Stats(2.5, 1.0, 4.0));
  }
}

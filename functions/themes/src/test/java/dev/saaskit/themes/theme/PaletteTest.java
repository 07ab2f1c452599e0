package dev.saaskit.themes.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The WCAG 2.x contrast ratio against values published with the definition. */
class PaletteTest {

  @Test
  void black_on_white_is_21_and_a_color_on_itself_is_1() {
    assertThat(Palette.contrast("#000000", "#ffffff")).isCloseTo(21.0, within(1e-9));
    assertThat(Palette.contrast("#ffffff", "#000000")).isCloseTo(21.0, within(1e-9));
    assertThat(Palette.contrast("#0b5fff", "#0b5fff")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void grey_767676_is_the_lightest_grey_that_passes_aa_on_white() {
    assertThat(Palette.contrast("#767676", "#ffffff")).isCloseTo(4.54, within(0.01)).isGreaterThanOrEqualTo(Palette.AA);
    assertThat(Palette.contrast("#777777", "#ffffff")).isCloseTo(4.48, within(0.01)).isLessThan(Palette.AA);
  }

  @Test
  void warnings_name_each_pair_below_aa() {
    Palette palette = new Palette("#ffd700", "#ffffff", "#ffffff", "#777777", "#0645ad");
    assertThat(palette.contrastWarnings("colors")).extracting(Theme.Warning::field).containsExactly("colors.on_primary", "colors.text");
  }
}

package dev.saaskit.themes.theme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An organization's theme as its members read it.
 *
 * @param version counts every change to what the public theme shows
 * @param warnings what is allowed but not advisable, such as colors below WCAG AA contrast
 */
public record Theme(Palette colors, Palette dark, Fonts fonts, String customCss, Asset logo, Asset favicon,
    int version, List<Warning> warnings, Instant createdAt, Instant updatedAt) {

  /** An uploaded logo or favicon; {@code url} is public. */
  public record Asset(String url, String contentType, int sizeBytes) {}

  /** @param code stable, for clients to branch on: {@code contrast_below_aa} */
  public record Warning(String field, String code, String message) {}

  static List<Warning> warnings(Palette colors, Palette dark) {
    List<Warning> warnings = new ArrayList<>(colors.contrastWarnings("colors"));
    if (dark != null) {
      warnings.addAll(dark.contrastWarnings("dark"));
    }
    return warnings;
  }
}

package dev.saaskit.themes.theme;

import dev.saaskit.shared.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The colors of a theme (light, or its dark variant), each {@code #rrggbb}.
 *
 * @param onPrimary text and icons drawn on the primary color (buttons)
 */
public record Palette(String primary, String onPrimary, String background, String text, String link) {

  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

  /** WCAG 2.x level AA for normal text. */
  static final double AA = 4.5;

  void validate(Violations v, String field) {
    v.pattern(field + ".primary", primary, HEX, "a color written #rrggbb");
    v.pattern(field + ".on_primary", onPrimary, HEX, "a color written #rrggbb");
    v.pattern(field + ".background", background, HEX, "a color written #rrggbb");
    v.pattern(field + ".text", text, HEX, "a color written #rrggbb");
    v.pattern(field + ".link", link, HEX, "a color written #rrggbb");
  }

  Palette normalized() {
    return new Palette(lower(primary), lower(onPrimary), lower(background), lower(text), lower(link));
  }

  /** The pairs people read, below AA: text on the primary color, text and links on the background. */
  List<Theme.Warning> contrastWarnings(String field) {
    List<Theme.Warning> warnings = new ArrayList<>();
    check(warnings, field + ".on_primary", onPrimary, field + ".primary", primary);
    check(warnings, field + ".text", text, field + ".background", background);
    check(warnings, field + ".link", link, field + ".background", background);
    return warnings;
  }

  private static void check(List<Theme.Warning> warnings, String field, String foreground, String against, String background) {
    double ratio = contrast(foreground, background);
    if (ratio < AA) {
      warnings.add(new Theme.Warning(field, "contrast_below_aa", String.format(Locale.ROOT,
          "contrast %.2f:1 against %s is below WCAG AA's 4.5:1 for normal text", Math.floor(ratio * 100) / 100, against)));
    }
  }

  /** WCAG 2.x contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter first. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
  }

  private static double channel(int value) {
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }
}

package dev.saaskit.themes.theme;

import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;

/**
 * What {@code POST} and {@code PUT /api/v1/themes} set: everything but the logo and favicon, which
 * come through uploads.
 *
 * @param dark the dark variant, or null for none
 * @param customCss CSS added after the theme's own; null or empty for none
 */
public record ThemeSettings(Palette colors, Palette dark, Fonts fonts, String customCss) implements Validatable {

  @Override
  public void validate(Violations v) {
    if (v.required("colors", colors)) {
      colors.validate(v, "colors");
    }
    if (dark != null) {
      dark.validate(v, "dark");
    }
    if (v.required("fonts", fonts)) {
      fonts.validate(v, "fonts");
    }
    if (customCss != null) {
      CustomCss.check(v, "custom_css", customCss);
    }
  }

  ThemeSettings normalized() {
    return new ThemeSettings(colors.normalized(), dark == null ? null : dark.normalized(), fonts,
        customCss == null || customCss.isBlank() ? "" : CustomCss.write(customCss));
  }
}

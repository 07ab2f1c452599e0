package dev.saaskit.themes.site;

import dev.saaskit.themes.theme.Fonts;
import dev.saaskit.themes.theme.Palette;
import dev.saaskit.themes.theme.SiteUrls;
import dev.saaskit.themes.theme.Theme;

/**
 * The theme as anyone may read it: what a front end needs to draw the organization's brand, without
 * its custom CSS (served as part of {@code css_url}) or warnings.
 *
 * @param version 0 for the platform's default theme
 */
public record PublicTheme(Organization organization, Palette colors, Palette dark, Fonts fonts, String logoUrl,
    String faviconUrl, String cssUrl, int version) {

  public record Organization(String slug, String name) {}

  static PublicTheme of(Site.Organization organization, Theme theme) {
    return new PublicTheme(new Organization(organization.slug(), organization.name()), theme.colors(), theme.dark(),
        theme.fonts(), theme.logo() == null ? null : theme.logo().url(), theme.favicon() == null ? null : theme.favicon().url(),
        SiteUrls.css(organization.slug(), theme.version()), theme.version());
  }
}

package dev.saaskit.themes.theme;

/**
 * The public URLs of an organization's theme, as paths on the API's host. Each carries the theme's
 * version, so a cached copy is never served after the theme changed.
 */
public final class SiteUrls {

  private SiteUrls() {}

  public static String asset(String slug, String kind, int version) {
    return "/public/" + slug + "/assets/" + kind + "?v=" + version;
  }

  public static String css(String slug, int version) {
    return "/public/" + slug + "/theme.css?v=" + version;
  }

  public static String page(String slug, String page) {
    return "/public/" + slug + "/pages/" + page;
  }
}

package dev.saaskit.themes.site;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.themes.theme.Fonts;
import dev.saaskit.themes.theme.Palette;
import dev.saaskit.themes.theme.Theme;

/**
 * {@code GET /public/{org_slug}/theme.css}: the theme as CSS custom properties ({@code
 * --color-primary}, {@code --font-body}, ...), the dark variant under {@code prefers-color-scheme},
 * base styles for public pages, then the organization's custom CSS as the parser wrote it.
 */
public final class GetPublicThemeCss implements Endpoint<Void, Reply.Text> {

  @Override
  public Reply<Reply.Text> handle(Call<Void> call) {
    Site site = new Site(call.db());
    Theme theme = site.theme(site.organization(call.path("org_slug")));
    return Reply.ok(new Reply.Text("text/css; charset=utf-8", css(theme))).withHeader("cache-control", Site.CACHE_CONTROL);
  }

  static String css(Theme theme) {
    StringBuilder css = new StringBuilder(":root {\n");
    colors(css, theme.colors());
    css.append("  --font-heading: ").append(Fonts.STACKS.get(theme.fonts().heading())).append(";\n")
        .append("  --font-body: ").append(Fonts.STACKS.get(theme.fonts().body())).append(";\n")
        .append("}\n");
    if (theme.dark() != null) {
      css.append("@media (prefers-color-scheme: dark) {\n:root {\n");
      colors(css, theme.dark());
      css.append("}\n}\n");
    }
    css.append("""
        body { margin: 0; background: var(--color-background); color: var(--color-text); font-family: var(--font-body); }
        h1, h2, h3, h4, h5, h6 { font-family: var(--font-heading); }
        a { color: var(--color-link); }
        main { max-width: 48rem; margin: 0 auto; padding: 2rem 1rem; }
        header { background: var(--color-primary); color: var(--color-on-primary); padding: 1rem; }
        header img { max-height: 3rem; }
        """);
    return css.append(theme.customCss()).toString();
  }

  private static void colors(StringBuilder css, Palette p) {
    css.append("  --color-primary: ").append(p.primary()).append(";\n")
        .append("  --color-on-primary: ").append(p.onPrimary()).append(";\n")
        .append("  --color-background: ").append(p.background()).append(";\n")
        .append("  --color-text: ").append(p.text()).append(";\n")
        .append("  --color-link: ").append(p.link()).append(";\n");
  }
}

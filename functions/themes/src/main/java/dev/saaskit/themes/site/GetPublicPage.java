package dev.saaskit.themes.site;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.themes.theme.SiteUrls;
import dev.saaskit.themes.theme.Theme;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code GET /public/{org_slug}/pages/{slug}}: a published page as an HTML document in the
 * organization's theme, without credentials, cacheable. It links the theme's stylesheet by version,
 * so the page changes when the theme does. Its content security policy allows no script at all.
 */
public final class GetPublicPage implements Endpoint<Void, Reply.Text> {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src * data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  public Reply<Reply.Text> handle(Call<Void> call) {
    Site site = new Site(call.db());
    Site.Organization organization = site.organization(call.path("org_slug"));
    Site.PublishedPage page = site.publishedPage(organization, call.path("slug")).orElseThrow(Site::notFound);
    return Reply.ok(new Reply.Text("text/html; charset=utf-8", html(organization, site.theme(organization), page)))
        .withHeader("cache-control", Site.CACHE_CONTROL)
        .withHeader("content-security-policy", CONTENT_SECURITY_POLICY);
  }

  /** Built as a document, so every text and attribute taken from the page or theme is escaped where it lands. */
  static String html(Site.Organization organization, Theme theme, Site.PublishedPage page) {
    Document doc = Document.createShell("");
    doc.outputSettings().prettyPrint(false);
    doc.selectFirst("html").attr("lang", "en");
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
    doc.title((page.seoTitle() == null ? page.title() : page.seoTitle()) + " · " + organization.name());
    if (page.seoDescription() != null) {
      head.appendElement("meta").attr("name", "description").attr("content", page.seoDescription());
    }
    head.appendElement("link").attr("rel", "stylesheet").attr("href", SiteUrls.css(organization.slug(), theme.version()));
    if (theme.favicon() != null) {
      head.appendElement("link").attr("rel", "icon").attr("href", theme.favicon().url());
    }
    Element header = doc.body().appendElement("header");
    if (theme.logo() != null) {
      header.appendElement("img").attr("src", theme.logo().url()).attr("alt", organization.name());
    } else {
      header.appendElement("strong").text(organization.name());
    }
    Element main = doc.body().appendElement("main");
    main.appendElement("h1").text(page.title());
    main.append(page.html());
    return "<!doctype html>" + doc.outerHtml();
  }
}

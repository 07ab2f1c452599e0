package dev.saaskit.themes.pages;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * A page's Markdown to the HTML its public page shows, in two independent steps: CommonMark renders
 * it with raw HTML escaped and unsafe link targets dropped, then jsoup's cleaner keeps only an
 * allow-list of tags, attributes and link protocols. Either alone would do for the payloads we know;
 * both stand between a page's author and its readers' browsers.
 */
final class Markdown {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private static final Safelist SAFELIST = Safelist.relaxed()
      .addTags("hr", "del", "s")
      .addAttributes("a", "rel")
      .removeProtocols("a", "href", "ftp")
      .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
      .preserveRelativeLinks(true);
  /** Only for judging relative links; the cleaned HTML keeps them relative. */
  private static final String BASE = "https://page.invalid/";
  private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

  private Markdown() {}

  static String toHtml(String markdown) {
    String rendered = RENDERER.render(PARSER.parse(markdown));
    return Jsoup.clean(rendered, BASE, SAFELIST, OUTPUT);
  }
}

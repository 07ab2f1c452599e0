package dev.saaskit.themes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pages rendered from Markdown: what authors write comes out as HTML, and every known XSS payload comes out inert. */
class MarkdownTest {

  /** What a rendered page may hold; anything else means the sanitiser let something through. */
  static final Set<String> TAGS = Set.of("a", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
      "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small",
      "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul");
  static final Set<String> URL_SCHEMES = Set.of("http", "https", "mailto");

  static Stream<String> payloads() throws IOException {
    try (InputStream in = MarkdownTest.class.getResourceAsStream("xss-payloads.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("# ")).toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void each_published_payload_renders_inert(String payload) {
    assertInert(Markdown.toHtml(payload));
  }

  @Test
  void all_payloads_in_one_page_render_inert() throws IOException {
    assertInert(Markdown.toHtml(String.join("\n", payloads().toList())));
  }

  @Test
  void markdown_becomes_html() {
    String html = Markdown.toHtml("""
        # About us

        We make **things**, see [our docs](https://docs.example.com) or [pricing](/public/acme/pages/pricing).

        - one
        - two

        ![logo](https://cdn.example.com/logo.png)
        """);

    assertThat(html).contains("<h1>About us</h1>", "<strong>things</strong>", "<li>one</li>",
        "<a href=\"https://docs.example.com\" rel=\"nofollow noopener noreferrer\">our docs</a>",
        "<a href=\"/public/acme/pages/pricing\" rel=\"nofollow noopener noreferrer\">pricing</a>",
        "<img src=\"https://cdn.example.com/logo.png\" alt=\"logo\">");
  }

  @Test
  void html_written_in_the_markdown_is_shown_as_text() {
    assertThat(Markdown.toHtml("<b>bold</b>")).isEqualToIgnoringWhitespace("<p>&lt;b&gt;bold&lt;/b&gt;</p>");
  }

  static void assertInert(String html) {
    for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      if (element.tagName().equals("body")) {
        continue;
      }
      assertThat(TAGS).as("tag <%s> in %s", element.tagName(), html).contains(element.tagName());
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        assertThat(name).as("attribute %s in %s", name, html).doesNotStartWith("on").isNotEqualTo("style");
        if (List.of("href", "src", "cite").contains(name)) {
          assertSafeUrl(attribute.getValue(), html);
        }
      }
    }
  }

  /** A relative URL, or an absolute one of an allowed scheme, judged as a browser would after dropping blanks and controls. */
  static void assertSafeUrl(String url, String html) {
    String compact = url.replaceAll("[\\p{Cntrl}\\s]", "").toLowerCase(Locale.ROOT);
    int colon = compact.indexOf(':');
    int slash = compact.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      assertThat(URL_SCHEMES).as("scheme of %s in %s", url, html).contains(compact.substring(0, colon));
    }
  }
}

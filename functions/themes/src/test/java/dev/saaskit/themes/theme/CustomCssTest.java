package dev.saaskit.themes.theme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.validation.Violations;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Custom CSS against the style-based vectors of the OWASP XSS Filter Evasion Cheat Sheet and the
 * ways out of a stylesheet we know of: each is refused, with a reason.
 */
class CustomCssTest {

  static List<String> reasons(String css) {
    Violations v = new Violations();
    CustomCss.check(v, "custom_css", css);
    return v.errors().stream().map(e -> e.message()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "@import 'http://xss.rocks/xss.css';",
      "@import url(//xss.rocks/xss.css);",
      "@import url(/public/acme/theme.css);",
      "@font-face { font-family: x; src: url(/public/acme/font.woff); }",
      "@namespace svg url(http://www.w3.org/2000/svg);",
      "@page { margin: 1cm; }",
      "body { background-image: url(javascript:alert('XSS')); }",
      "body { background-image: url(\"JaVaScRiPt:alert(1)\"); }",
      "body { background: url(http://xss.rocks/x.png); }",
      "body { background: url(https://evil.example/beacon); }",
      "body { background: url(//evil.example/beacon); }",
      "body { background: url(data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=); }",
      "body { background: url(/public/../../etc/passwd); }",
      "div { width: expression(alert('XSS')); }",
      "div { xss: expr/**/ession(alert('XSS')); }",
      "div { width: EXPRESSION(alert(1)); }",
      "div { behavior: url(xss.htc); }",
      "div { -moz-binding: url(http://xss.rocks/xssmoz.xml#xss); }",
      "div { background: image-set('https://evil.example/x.png' 1x); }",
      "div { background: -webkit-image-set(url(https://evil.example/x.png) 1x); }",
      "div { background-image: \\75\\72\\6C(javascript:alert(1)); }",
      "div { background: url(\\6a avascript:alert(1)); }",
      "</style><script>alert('XSS')</script>",
      "a { color: red; } </style><img src=x onerror=alert(1)>",
      "<!-- a { color: red } -->",
      "a { color: ; } }}} b {",
      "@media screen { @import url(/x.css); }",
      "@media screen { div { width: expression(alert(1)); } }",
      "@keyframes spin { from { color: red } }",
      "@charset \"UTF-8\"; a { color: red }",
  })
  void refused(String css) {
    assertThat(reasons(css)).as(css).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ".hero { padding: 2rem; }",
      "a:hover, a:focus-visible { color: var(--color-link); text-decoration: underline; }",
      "header { background: linear-gradient(90deg, rgb(0, 0, 0), rgba(255, 255, 255, 0.5)); }",
      "main { width: min(100%, calc(48rem + 2vw)); }",
      "@media (prefers-color-scheme: dark) { body { color: #eee; } }",
      "header { background-image: url(/public/acme/assets/logo?v=3); }",
      "li:nth-child(2n + 1) { color: hsl(210, 50%, 40%); }",
  })
  void accepted(String css) {
    assertThat(reasons(css)).as(css).isEmpty();
    assertThat(CustomCss.write(css)).isNotBlank().doesNotContain("<");
  }

  @Test
  void what_is_stored_is_what_the_parser_understood() {
    assertThat(CustomCss.write("a{color:red}b{margin:0 auto}")).isEqualTo("a { color: red; }\nb { margin: 0 auto; }\n");
  }

  @Test
  void the_size_is_limited() {
    assertThat(reasons("a { color: red; }\n".repeat(1000))).containsExactly("must be at most 16384 bytes");
  }
}

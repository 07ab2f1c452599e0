package dev.saaskit.themes.theme;

import dev.saaskit.shared.validation.Violations;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.cssparser.dom.AbstractCSSRuleImpl;
import org.htmlunit.cssparser.dom.CSSMediaRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleSheetImpl;
import org.htmlunit.cssparser.dom.Property;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSException;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;

/**
 * An organization's own CSS, read by a CSS parser and accepted only when all of it is understood
 * and harmless; what is stored and served is the parser's writing of it, not the text sent, so no
 * construct the parser misread reaches a browser. Refused, with the reason: parse errors, any rule
 * but style rules and {@code @media} (so no {@code @import}, {@code @font-face}, {@code @namespace}),
 * functions outside {@link #FUNCTIONS} (so no {@code expression()}, {@code image-set()} with a foreign
 * URL), {@code url()} other than a path on this host, the {@code behavior} and {@code -moz-binding}
 * properties, {@code javascript:} anywhere, backslash escapes (which would spell any of these in
 * another way) and {@code <} (which would end a {@code <style>} element).
 */
final class CustomCss {

  static final int MAX_BYTES = 16 * 1024;

  /** Value functions allowed: colors, arithmetic, gradients, transforms and timing. */
  static final Set<String> FUNCTIONS = Set.of("rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color-mix",
      "calc", "var", "min", "max", "clamp", "url", "linear-gradient", "radial-gradient", "conic-gradient",
      "repeating-linear-gradient", "repeating-radial-gradient", "translate", "translatex", "translatey", "scale", "scalex",
      "scaley", "rotate", "skew", "skewx", "skewy", "matrix", "cubic-bezier", "steps", "minmax", "repeat", "fit-content",
      "blur", "brightness", "contrast", "drop-shadow", "grayscale", "opacity", "saturate", "sepia", "not", "is", "where",
      "nth-child", "nth-of-type", "nth-last-child", "nth-last-of-type", "lang", "has");

  private static final Set<String> PROPERTIES_REFUSED = Set.of("behavior", "-ms-behavior", "-moz-binding");
  private static final Pattern FUNCTION = Pattern.compile("([a-zA-Z-]+)\\(");
  private static final Pattern URL = Pattern.compile("url\\(\\s*[\"']?([^\"')\\s]*)");
  /** A path on this host: no scheme, no second slash (protocol-relative), no parent steps. */
  private static final Pattern LOCAL_PATH = Pattern.compile("/(?!/)[A-Za-z0-9._~/?=&-]*");

  private CustomCss() {}

  /** Adds a violation for each reason the CSS is refused. */
  static void check(Violations v, String field, String css) {
    if (css.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      v.add(field, "must be at most " + MAX_BYTES + " bytes");
      return;
    }
    List<String> reasons = new ArrayList<>();
    if (css.indexOf('<') >= 0) {
      reasons.add("must not contain '<'");
    }
    if (css.indexOf('\\') >= 0) {
      reasons.add("must not contain backslash escapes");
    }
    if (css.toLowerCase(Locale.ROOT).contains("javascript:")) {
      reasons.add("must not contain 'javascript:'");
    }
    if (reasons.isEmpty()) {
      Parsed parsed = parse(css);
      reasons.addAll(parsed.errors());
      if (parsed.errors().isEmpty()) {
        reasons.addAll(refusals(parsed.sheet()));
      }
    }
    reasons.forEach(reason -> v.add(field, reason));
  }

  /** The parser's writing of CSS that {@link #check} accepted. */
  static String write(String css) {
    Parsed parsed = parse(css);
    if (!parsed.errors().isEmpty() || !refusals(parsed.sheet()).isEmpty()) {
      throw new IllegalArgumentException("write only CSS that check accepted");
    }
    StringBuilder out = new StringBuilder();
    for (AbstractCSSRuleImpl rule : parsed.sheet().getCssRules().getRules()) {
      out.append(rule.getCssText()).append('\n');
    }
    return out.toString();
  }

  private record Parsed(CSSStyleSheetImpl sheet, List<String> errors) {}

  private static Parsed parse(String css) {
    List<String> errors = new ArrayList<>();
    CSSOMParser parser = new CSSOMParser();
    parser.setErrorHandler(new CSSErrorHandler() {
      @Override
      public void warning(CSSParseException e) throws CSSException {
        errors.add(describe(e));
      }

      @Override
      public void error(CSSParseException e) throws CSSException {
        errors.add(describe(e));
      }

      @Override
      public void fatalError(CSSParseException e) throws CSSException {
        errors.add(describe(e));
      }
    });
    try {
      CSSStyleSheetImpl sheet = parser.parseStyleSheet(new InputSource(new StringReader(css)), null);
      return new Parsed(sheet, errors);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string", e);
    }
  }

  private static String describe(CSSParseException e) {
    return "is not valid CSS at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
  }

  private static List<String> refusals(CSSStyleSheetImpl sheet) {
    List<String> reasons = new ArrayList<>();
    for (AbstractCSSRuleImpl rule : sheet.getCssRules().getRules()) {
      if (rule instanceof CSSMediaRuleImpl media) {
        for (AbstractCSSRuleImpl inner : media.getCssRules().getRules()) {
          styleRule(inner, reasons);
        }
      } else {
        styleRule(rule, reasons);
      }
    }
    return reasons;
  }

  private static void styleRule(AbstractCSSRuleImpl rule, List<String> reasons) {
    if (!(rule instanceof CSSStyleRuleImpl style)) {
      reasons.add("may hold style rules and @media only, not '" + firstWords(rule.getCssText()) + "'");
      return;
    }
    functions(style.getSelectorText(), reasons);
    for (Property property : style.getStyle().getProperties()) {
      String name = property.getName().toLowerCase(Locale.ROOT);
      if (PROPERTIES_REFUSED.contains(name)) {
        reasons.add("must not set '" + name + "'");
        continue;
      }
      String value = property.getValue() == null ? "" : property.getValue().getCssText();
      functions(value, reasons);
      Matcher url = URL.matcher(value);
      while (url.find()) {
        if (!LOCAL_PATH.matcher(url.group(1)).matches() || url.group(1).contains("..")) {
          reasons.add("url() must be a path on this host, such as /public/<organization>/assets/logo, not '" + url.group(1) + "'");
        }
      }
    }
  }

  private static void functions(String text, List<String> reasons) {
    Matcher function = FUNCTION.matcher(text);
    while (function.find()) {
      String name = function.group(1).toLowerCase(Locale.ROOT);
      if (!FUNCTIONS.contains(name)) {
        reasons.add("must not use the function '" + name + "()'");
      }
    }
  }

  private static String firstWords(String text) {
    String line = text.strip().split("\\s*\\{", 2)[0];
    return line.length() > 40 ? line.substring(0, 40) + "…" : line;
  }
}

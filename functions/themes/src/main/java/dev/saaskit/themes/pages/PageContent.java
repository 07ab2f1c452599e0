package dev.saaskit.themes.pages;

import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.regex.Pattern;

/** What a page's author writes, checked the same way on create and update. */
final class PageContent {

  static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final List<String> STATUSES = List.of("draft", "published");
  static final int MAX_MARKDOWN_BYTES = 100 * 1024;

  private PageContent() {}

  static void validate(Violations v, String title, String markdown, String status, Page.Seo seo) {
    v.text("title", title, 200);
    v.bytesBetween("markdown", markdown, 0, MAX_MARKDOWN_BYTES);
    if (v.required("status", status)) {
      v.oneOf("status", status, STATUSES);
    }
    if (seo != null) {
      v.optionalText("seo.title", seo.title(), 70);
      v.optionalText("seo.description", seo.description(), 300);
    }
  }

  static void slug(Violations v, String slug) {
    if (v.pattern("slug", slug, SLUG, "lower-case letters, digits and single hyphens, such as 'about-us'") && slug.length() > 64) {
      v.add("slug", "must be at most 64 characters");
    }
  }
}

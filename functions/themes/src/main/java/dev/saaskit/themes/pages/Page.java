package dev.saaskit.themes.pages;

import java.time.Instant;
import java.util.UUID;

/**
 * A page as its organization's members read it.
 *
 * @param url where the published page is public (a draft's answers 404 there)
 */
public record Page(UUID id, String slug, String title, String markdown, String status, Seo seo, String url,
    Instant publishedAt, Instant createdAt, Instant updatedAt) {

  /** What search engines and link previews show; each falls back to the title when absent. */
  public record Seo(String title, String description) {}
}

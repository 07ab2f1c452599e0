package dev.saaskit.auth;

import dev.saaskit.shared.db.Ids;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Creates organizations at sign-up, each with a unique slug derived from its name. */
final class Organizations {

  static final String FREE_PLAN = "free";

  /** The organizations_slug_format rule (V10): 3 to 63 of [a-z0-9-]; a suffix may follow the 40. */
  private static final int MIN_SLUG = 3;
  private static final int MAX_SLUG = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Handle db;

  Organizations(Handle db) {
    this.db = db;
  }

  record Created(UUID id, String slug) {}

  /** Inserts an organization on the free plan; a taken slug gets a random suffix until one is free. */
  Created create(String name, Instant now) {
    UUID id = Ids.newId();
    String base = slugOf(name);
    String slug = base;
    while (db.createUpdate(
            """
            insert into organizations (id, name, slug, plan, created_at, updated_at)
            values (:id, :name, :slug, :plan, :now, :now)
            on conflict (slug) do nothing
            """)
        .bind("id", id)
        .bind("name", name)
        .bind("slug", slug)
        .bind("plan", FREE_PLAN)
        .bind("now", now)
        .execute() == 0) {
      slug = base + "-" + suffix();
    }
    return new Created(id, slug);
  }

  /**
   * Lower-case ASCII letters and digits joined by single dashes: "Zoë's Café" -> "zoe-s-cafe". A
   * name too short for a slug gets "-org" ("B" -> "b-org"), one without letters or digits is "org".
   */
  static String slugOf(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    if (slug.length() < MIN_SLUG) {
      return slug.isEmpty() ? "org" : slug + "-org";
    }
    return slug;
  }

  private static String suffix() {
    return Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
  }
}

package dev.saaskit.identity.organizations;

import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The rules for an organization's fields, shared by create and update. */
final class OrganizationFields {

  static final int MAX_NAME = 200;
  static final Pattern SLUG = Pattern.compile("[a-z0-9-]{3,63}");
  /** Settings are free-form, but rows stay small: 16 KiB of JSON. */
  static final int MAX_SETTINGS_BYTES = 16 * 1024;
  static final int MAX_EMAIL_DOMAINS = 50;
  private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private OrganizationFields() {}

  static void slug(Violations v, String slug) {
    v.pattern("slug", slug, SLUG, "3 to 63 characters of a-z, 0-9 and '-'");
  }

  static void plan(Violations v, String plan) {
    v.optionalText("plan", plan, 32);
  }

  /** A JSON object of at most {@link #MAX_SETTINGS_BYTES}; PostgreSQL's jsonb cannot hold a NUL character. */
  static void settings(Violations v, JsonNode settings) {
    if (settings == null) {
      return;
    }
    if (!settings.isObject()) {
      v.add("settings", "must be a JSON object");
      return;
    }
    String json = Json.write(settings);
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
      v.add("settings", "must be at most " + MAX_SETTINGS_BYTES + " bytes of JSON");
    } else if (json.contains("\\u0000")) {
      v.add("settings", "must not contain the NUL character");
    }
  }

  static void emailDomains(Violations v, List<String> domains) {
    if (domains == null || !v.distinct("allowed_email_domains", domains)) {
      return;
    }
    if (domains.size() > MAX_EMAIL_DOMAINS) {
      v.add("allowed_email_domains", "must have at most " + MAX_EMAIL_DOMAINS + " domains");
      return;
    }
    for (int i = 0; i < domains.size(); i++) {
      if (!DOMAIN.matcher(domains.get(i)).matches()) {
        v.add("allowed_email_domains[" + i + "]", "must be a lower-case domain name such as example.com");
      }
    }
  }
}

package dev.saaskit.themes.theme;

import dev.saaskit.shared.validation.Violations;
import java.util.LinkedHashMap;
import java.util.Map;

/** A theme's fonts, each one of {@link #STACKS}: names the CSS can rely on, never a URL to load. */
public record Fonts(String heading, String body) {

  /** Each font of the allow-list with the CSS font stack it becomes. */
  public static final Map<String, String> STACKS = stacks();

  void validate(Violations v, String field) {
    if (v.required(field + ".heading", heading)) {
      v.oneOf(field + ".heading", heading, STACKS.keySet());
    }
    if (v.required(field + ".body", body)) {
      v.oneOf(field + ".body", body, STACKS.keySet());
    }
  }

  private static Map<String, String> stacks() {
    Map<String, String> stacks = new LinkedHashMap<>();
    stacks.put("system-ui", "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif");
    stacks.put("Inter", "\"Inter\", system-ui, sans-serif");
    stacks.put("Roboto", "\"Roboto\", system-ui, sans-serif");
    stacks.put("Open Sans", "\"Open Sans\", system-ui, sans-serif");
    stacks.put("Lato", "\"Lato\", system-ui, sans-serif");
    stacks.put("Montserrat", "\"Montserrat\", system-ui, sans-serif");
    stacks.put("Source Sans 3", "\"Source Sans 3\", system-ui, sans-serif");
    stacks.put("IBM Plex Sans", "\"IBM Plex Sans\", system-ui, sans-serif");
    stacks.put("Merriweather", "\"Merriweather\", Georgia, serif");
    stacks.put("Lora", "\"Lora\", Georgia, serif");
    stacks.put("Georgia", "Georgia, \"Times New Roman\", serif");
    stacks.put("IBM Plex Mono", "\"IBM Plex Mono\", ui-monospace, monospace");
    return java.util.Collections.unmodifiableMap(stacks);
  }
}

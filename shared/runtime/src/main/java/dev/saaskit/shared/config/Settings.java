package dev.saaskit.shared.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Configuration read from environment variables (how Lambda passes it) or, when set, a JVM system
 * property of the same name (how tests and the local emulator pass it without touching the process
 * environment).
 */
public final class Settings {

  private Settings() {}

  public static Optional<String> find(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public static String get(String name, String fallback) {
    return find(name).orElse(fallback);
  }

  public static String require(String name) {
    return find(name).orElseThrow(() -> new IllegalStateException("missing setting " + name));
  }

  public static int getInt(String name, int fallback) {
    return find(name).map(v -> parseInt(name, v)).orElse(fallback);
  }

  public static boolean getBoolean(String name, boolean fallback) {
    return find(name).map(Boolean::parseBoolean).orElse(fallback);
  }

  public static Duration getSeconds(String name, Duration fallback) {
    return find(name).map(v -> Duration.ofSeconds(parseInt(name, v))).orElse(fallback);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + name + " must be a whole number, was '" + value + "'");
    }
  }
}

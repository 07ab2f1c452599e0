package dev.saaskit.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a message is about; people choose per category and channel what they receive. {@link
 * #SECURITY} messages (verification, password reset, sign-in and address-change notices) ignore
 * preferences, and only the platform's templates are security templates.
 */
public enum Category {
  SECURITY,
  ACCOUNT,
  BILLING,
  SUPPORT,
  UPDATES;

  public static final List<String> CODES = Stream.of(values()).map(Category::code).toList();

  /** What an organization's own templates and raw messages may be about: everything but security. */
  public static final List<String> CHOOSABLE = CODES.stream().filter(c -> !c.equals(SECURITY.code())).toList();

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Category> fromCode(String code) {
    return Stream.of(values()).filter(c -> c.code().equals(code)).findFirst();
  }
}

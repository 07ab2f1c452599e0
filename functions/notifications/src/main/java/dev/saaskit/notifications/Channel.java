package dev.saaskit.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** How a message reaches a person: an email, a text message, or an entry in their in-app inbox. */
public enum Channel {
  EMAIL,
  SMS,
  IN_APP;

  public static final List<String> CODES = Stream.of(values()).map(Channel::code).toList();

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromCode(String code) {
    return Stream.of(values()).filter(c -> c.code().equals(code)).findFirst();
  }
}

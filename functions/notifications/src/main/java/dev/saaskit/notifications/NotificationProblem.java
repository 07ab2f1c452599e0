package dev.saaskit.notifications;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes the notifications domain's problems carry where a client must tell cases apart; the README lists them. */
public enum NotificationProblem implements ProblemCode {
  /** The platform's default templates change only with the platform: an organization overrides one with a template of its own. */
  PLATFORM_TEMPLATE,
  /** The organization already has a template of that name, channel and locale. */
  TEMPLATE_EXISTS;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

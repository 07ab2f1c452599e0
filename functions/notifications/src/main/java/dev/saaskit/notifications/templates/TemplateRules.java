package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.Channel;
import dev.saaskit.shared.validation.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a template's fields follow, shared by create and update. */
final class TemplateRules {

  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2}|-[0-9]{3})?");
  static final int MAX_SUBJECT = 200;
  static final int MAX_BODY = 50_000;
  static final int MAX_SMS_BODY = 1_600;
  static final int MAX_HTML_BODY = 200_000;
  static final int MAX_VARIABLES = 50;

  private TemplateRules() {}

  /**
   * Subject, bodies and variables for {@code channel} (null when the channel itself is not valid:
   * then only what needs no channel is checked).
   */
  static void content(Violations v, String channel, String subject, String body, String htmlBody, List<String> variables) {
    boolean variablesValid = variables(v, variables);
    List<String> declared = variablesValid && variables != null ? variables : List.of();
    Channel c = channel == null ? null : Channel.fromCode(channel).orElse(null);
    if (c == Channel.EMAIL) {
      if (v.required("subject", subject)) {
        text(v, "subject", subject, MAX_SUBJECT, false, declared, variablesValid, false);
      }
    } else if (c == Channel.SMS) {
      if (subject != null) {
        v.add("subject", "an sms template has no subject");
      }
    } else if (subject != null) {
      text(v, "subject", subject, MAX_SUBJECT, false, declared, variablesValid, false);
    }
    if (v.required("body", body)) {
      text(v, "body", body, c == Channel.SMS ? MAX_SMS_BODY : MAX_BODY, true, declared, variablesValid, false);
    }
    if (htmlBody != null) {
      if (c != null && c != Channel.EMAIL) {
        v.add("html_body", "only an email template has an HTML body");
      } else {
        text(v, "html_body", htmlBody, MAX_HTML_BODY, true, declared, variablesValid, true);
      }
    }
  }

  /** Message text: not blank, within {@code max} characters, no control characters but tabs and (where allowed) line breaks. */
  static boolean text(Violations v, String field, String value, int max, boolean multiline) {
    if (value.isBlank()) {
      v.add(field, "must not be blank");
      return false;
    }
    if (value.codePointCount(0, value.length()) > max) {
      v.add(field, "must be at most " + max + " characters");
      return false;
    }
    if (value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' && !(multiline && (ch == '\n' || ch == '\r')) || ch == 0x7f)) {
      v.add(field, multiline ? "must not contain control characters other than tabs and line breaks" : "must not contain control characters");
      return false;
    }
    return true;
  }

  private static void text(Violations v, String field, String value, int max, boolean multiline, List<String> declared,
      boolean checkVariables, boolean html) {
    if (text(v, field, value, max, multiline) && checkVariables) {
      String problem = Rendering.problem(value, new HashSet<>(declared), html);
      if (problem != null) {
        v.add(field, problem);
      }
    }
  }

  private static boolean variables(Violations v, List<String> variables) {
    if (variables == null) {
      return true;
    }
    if (!v.distinct("variables", variables)) {
      return false;
    }
    if (variables.size() > MAX_VARIABLES) {
      v.add("variables", "must have at most " + MAX_VARIABLES + " names");
      return false;
    }
    boolean valid = true;
    for (int i = 0; i < variables.size(); i++) {
      String name = variables.get(i);
      if (!NAME.matcher(name).matches()) {
        v.add("variables[" + i + "]", "must be lower-case letters, digits and '_', starting with a letter");
        valid = false;
      } else if (Rendering.BUILT_IN.contains(name)) {
        v.add("variables[" + i + "]", "is given to every template; do not declare it");
        valid = false;
      }
    }
    return valid;
  }

  /**
   * The category a template gets: an override of a platform default keeps the default's (and may
   * use only the variables its publisher sends); any other template may be about anything but
   * security, by default {@code updates}.
   */
  static String category(String requested, List<String> variables, java.util.Optional<Template> platformDefault) {
    if (platformDefault.isPresent()) {
      Template d = platformDefault.get();
      if (requested != null && !requested.equals(d.category())) {
        throw dev.saaskit.shared.problem.ApiException.invalid("category", "an override of the platform's " + d.name() + " keeps its category, " + d.category());
      }
      List<String> foreign = (variables == null ? List.<String>of() : variables).stream().filter(n -> !d.variables().contains(n)).toList();
      if (!foreign.isEmpty()) {
        throw dev.saaskit.shared.problem.ApiException.invalid("variables",
            "an override of the platform's " + d.name() + " may use only the variables it is sent with " + d.variables() + ", not " + foreign);
      }
      return d.category();
    }
    if (dev.saaskit.notifications.Category.SECURITY.code().equals(requested)) {
      throw dev.saaskit.shared.problem.ApiException.invalid("category", "only the platform's own templates are security messages");
    }
    return requested == null ? dev.saaskit.notifications.Category.UPDATES.code() : requested;
  }
}

package dev.saaskit.support.tickets;

import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportProblem;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a ticket's fields follow, shared by the routes that write them. */
public final class TicketRules {

  public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
  public static final int MAX_SUBJECT = 200;
  /** Replies, notes and descriptions: characters, newlines allowed. */
  public static final int MAX_TEXT = 20_000;
  public static final int MAX_TAGS = 20;
  public static final int MAX_FOLLOWERS = 20;

  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private TicketRules() {}

  public static void subject(Violations v, String subject, boolean required) {
    if (required) {
      v.text("subject", subject, MAX_SUBJECT);
    } else {
      v.optionalText("subject", subject, MAX_SUBJECT);
    }
  }

  /** Required text of many lines: not blank, at most {@value #MAX_TEXT} characters, no control characters but newlines and tabs. */
  public static void text(Violations v, String field, String text) {
    if (!v.required(field, text)) {
      return;
    }
    if (text.isBlank()) {
      v.add(field, "must not be blank");
    } else if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      v.add(field, "must be at most " + MAX_TEXT + " characters");
    } else if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      v.add(field, "must not contain control characters other than newlines and tabs");
    }
  }

  public static void priority(Violations v, String priority) {
    v.oneOf("priority", priority, PRIORITIES);
  }

  public static void status(Violations v, String status) {
    v.oneOf("status", status, Status.CODES);
  }

  public static void tags(Violations v, List<String> tags) {
    if (tags == null || !v.distinct("tags", tags)) {
      return;
    }
    if (tags.size() > MAX_TAGS) {
      v.add("tags", "must hold at most " + MAX_TAGS + " tags");
    }
    for (int i = 0; i < tags.size(); i++) {
      if (!TAG.matcher(tags.get(i)).matches()) {
        v.add("tags[" + i + "]", "must be 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
      }
    }
  }

  public static void followers(Violations v, List<?> followers) {
    if (followers != null && v.distinct("follower_ids", followers) && followers.size() > MAX_FOLLOWERS) {
      v.add("follower_ids", "must hold at most " + MAX_FOLLOWERS + " users");
    }
  }

  public static ApiException agentsOnly(String what) {
    return new ApiException(ProblemType.FORBIDDEN, what + " is for support agents").code(SupportProblem.AGENTS_ONLY);
  }

  public static ApiException closed() {
    return new ApiException(ProblemType.CONFLICT, "the ticket is closed; open a new ticket").code(SupportProblem.TICKET_CLOSED);
  }
}

package dev.saaskit.support;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes support's problems carry where a client must tell cases apart; the README lists them. */
public enum SupportProblem implements ProblemCode {
  /** Only a support agent (or super_admin) may do this: internal notes, assignment, tags, priority changes, most status moves. */
  AGENTS_ONLY,
  /** The ticket's status cannot move from where it is to the status asked for. */
  TRANSITION_NOT_ALLOWED,
  /** The ticket is closed: it takes no more changes, replies or files. */
  TICKET_CLOSED,
  /** complete was called before the file was uploaded to its URL. */
  UPLOAD_MISSING,
  /** The uploaded object's size or type is not what was declared: it was deleted; declare the file again. */
  UPLOAD_MISMATCH;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

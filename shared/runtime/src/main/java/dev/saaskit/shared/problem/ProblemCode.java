package dev.saaskit.shared.problem;

/**
 * A stable code beside a problem's {@code type}, where clients must tell cases of one type apart
 * (a {@code conflict} that is {@code email_taken} or {@code last_admin}). Each domain lists its
 * codes as one enum implementing this, and the README lists them all; a code, once published, is
 * never renamed.
 */
public interface ProblemCode {

  /** The code as it appears in the problem document: lower snake case. */
  String code();
}

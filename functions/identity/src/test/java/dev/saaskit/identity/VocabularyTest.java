package dev.saaskit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.audit.AuditAction;
import dev.saaskit.shared.problem.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Identity's problem codes and audit actions are the README's: clients and auditors read them there. */
class VocabularyTest {

  static final String README = readme();

  @Test
  void every_problem_code_is_listed_in_the_readme() {
    assertThat(Stream.of(IdentityProblem.values()).map(ProblemCode::code))
        .allSatisfy(code -> assertThat(README).as("README lists the problem code").contains("`" + code + "`"));
  }

  @Test
  void every_audit_action_is_listed_in_the_readme() {
    assertThat(Stream.of(IdentityAction.values()).map(AuditAction::code))
        .allSatisfy(action -> assertThat(README).as("README lists the audit action").contains("`" + action + "`"));
  }

  static String readme() {
    try {
      return Files.readString(Path.of("../../README.md"));
    } catch (IOException e) {
      throw new IllegalStateException("the tests run in functions/identity; the README is two levels up", e);
    }
  }
}

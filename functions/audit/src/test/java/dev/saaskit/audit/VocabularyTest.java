package dev.saaskit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.dataexports.DataExportProblem;
import dev.saaskit.shared.audit.AuditAction;
import dev.saaskit.shared.problem.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The audit domain's audit actions and problem codes are the README's. */
class VocabularyTest {

  @Test
  void every_audit_action_and_problem_code_is_listed_in_the_readme() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    assertThat(Stream.of(AuditTrailAction.values()).map(AuditAction::code))
        .allSatisfy(action -> assertThat(readme).as("README lists the audit action").contains("`" + action + "`"));
    assertThat(Stream.of(DataExportProblem.values()).map(ProblemCode::code))
        .allSatisfy(code -> assertThat(readme).as("README lists the problem code").contains("`" + code + "`"));
  }
}

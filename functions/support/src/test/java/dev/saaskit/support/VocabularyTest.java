package dev.saaskit.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.audit.AuditAction;
import dev.saaskit.shared.problem.ProblemCode;
import dev.saaskit.support.tickets.TicketNotices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Support's audit actions, problem codes and notification templates are the README's. */
class VocabularyTest {

  @Test
  void every_audit_action_problem_code_and_template_is_listed_in_the_readme() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    assertThat(Stream.of(SupportAction.values()).map(AuditAction::code))
        .allSatisfy(action -> assertThat(readme).as("README lists the audit action").contains("`" + action + "`"));
    assertThat(Stream.of(SupportProblem.values()).map(ProblemCode::code))
        .allSatisfy(code -> assertThat(readme).as("README lists the problem code").contains("`" + code + "`"));
    assertThat(Stream.of(TicketNotices.CREATED, TicketNotices.REPLIED, TicketNotices.ASSIGNED, TicketNotices.SOLVED, TicketNotices.SLA_BREACHED))
        .allSatisfy(template -> assertThat(readme).as("README lists the template").contains("`" + template + "`"));
  }
}

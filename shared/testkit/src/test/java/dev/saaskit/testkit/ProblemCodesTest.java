package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.problem.AccessProblem;
import dev.saaskit.shared.problem.ProblemCode;
import dev.saaskit.shared.problem.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime's problem types and codes are the README's: clients branch on them. */
class ProblemCodesTest {

  @Test
  void every_type_and_code_of_the_runtime_is_listed_in_the_readme() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    assertThat(Stream.of(ProblemType.values()).map(ProblemType::code))
        .allSatisfy(type -> assertThat(readme).as("README lists the problem type").contains("`" + type + "`"));
    assertThat(Stream.of(AccessProblem.values()).map(ProblemCode::code))
        .allSatisfy(code -> assertThat(readme).as("README lists the problem code").contains("`" + code + "`"));
  }
}

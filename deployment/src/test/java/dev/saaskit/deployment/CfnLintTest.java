package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cfn-lint on template.yaml and on the template of a catalog with every kind of entry. */
class CfnLintTest {

  @BeforeAll
  static void needsCfnLint() {
    Assumptions.assumeTrue(Tools.onPath("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint): the template is not linted");
  }

  @Test
  void the_checked_in_template_passes() {
    assertPasses(Repository.checkedInTemplate());
  }

  @Test
  void the_template_of_every_kind_of_entry_passes() {
    assertPasses(Repository.sampleTemplateFile());
  }

  private static void assertPasses(Path template) {
    Tools.Result lint = Tools.run(Repository.ROOT, "cfn-lint", template.toString());
    assertThat(lint.exitCode()).as("cfn-lint %s:%n%s", template, lint.both()).isZero();
  }
}

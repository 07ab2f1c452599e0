package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.RequiredTool;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cfn-lint on template.yaml and on the template of a catalog with every kind of entry. */
class CfnLintTest {

  @BeforeAll
  static void needsCfnLint() {
    RequiredTool.require(Tools.onPath("cfn-lint"), "cfn-lint", "pip install cfn-lint");
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

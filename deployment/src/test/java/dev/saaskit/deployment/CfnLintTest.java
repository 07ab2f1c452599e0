package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.RequiredTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cfn-lint on the checked-in deployment and on the deployment of a catalog with every kind of entry, every stack. */
class CfnLintTest {

  @BeforeAll
  static void needsCfnLint() {
    RequiredTool.require(Tools.onPath("cfn-lint"), "cfn-lint", "pip install cfn-lint");
  }

  @Test
  void the_checked_in_deployment_passes() {
    assertPasses(Repository.ROOT, Repository.checkedInFiles().keySet());
  }

  @Test
  void the_deployment_of_every_kind_of_entry_passes() {
    Path sample = Repository.writeDeployment(Repository.sampleCatalog(), "sample-deployment").getParent();
    assertPasses(sample, SamTemplate.render(Repository.sampleCatalog()).keySet());
  }

  private static void assertPasses(Path root, Collection<String> files) {
    List<String> command = new ArrayList<>(List.of("cfn-lint"));
    files.forEach(f -> command.add(root.resolve(f).toString()));
    Tools.Result lint = Tools.run(Repository.ROOT, "", Map.of(), command);
    assertThat(lint.exitCode()).as("cfn-lint %s:%n%s", files, lint.both()).isZero();
  }
}

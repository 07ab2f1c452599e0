package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module with routes that need credentials runs the catalog-walking security checks
 * (testkit's {@code RouteSecurity}) in a {@code RouteSecurityTest} of its own: a new domain cannot
 * add routes that no security test walks.
 */
class RouteSecurityCoverageTest {

  static final List<String> CHECKS =
      List.of("assertEveryRouteNeedsCredentials", "assertRolesAreEnforced", "assertTenantIsolation");

  @Test
  void every_module_with_guarded_routes_walks_them() throws IOException {
    Catalog catalog = Repository.catalog();
    List<String> problems = new ArrayList<>();
    for (String module : catalog.modules().keySet()) {
      boolean guarded = catalog.inModule(module).stream().anyMatch(f -> f.http() != null && f.access().mode() == Access.Mode.SIGNED_IN);
      if (!guarded) {
        continue;
      }
      Optional<Path> test = securityTest(Repository.ROOT.resolve("functions").resolve(module).resolve("src/test/java"));
      if (test.isEmpty()) {
        problems.add(module + ": has routes that need credentials but no RouteSecurityTest.java under functions/" + module + "/src/test/java");
        continue;
      }
      String source = Files.readString(test.get(), StandardCharsets.UTF_8);
      for (String check : CHECKS) {
        if (!source.contains("RouteSecurity." + check + "(")) {
          problems.add(module + ": " + Repository.ROOT.relativize(test.get()) + " does not call RouteSecurity." + check);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Optional<Path> securityTest(Path tests) throws IOException {
    if (!Files.isDirectory(tests)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(tests)) {
      return files.filter(p -> p.getFileName().toString().equals("RouteSecurityTest.java")).findFirst();
    }
  }
}

package dev.saaskit.testkit.logs;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a secret reached a log line ({@link LogSecrets}), and the class when one
 * was written in its {@code @BeforeAll}/{@code @AfterAll}. Registered for every test of every module
 * through Jupiter's extension auto-detection (the root pom turns it on for {@code dev.saaskit.testkit.logs.*}).
 */
public final class LogSecretsExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    LogSecrets.install();
    check("before the tests of the class");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check("during the test");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check("in the class's set-up or tear-down");
  }

  static void check(String when) {
    List<LogSecrets.Finding> found = LogSecrets.takeFindings();
    if (!found.isEmpty()) {
      throw new AssertionError("secrets in log lines written " + when + " (shown masked):\n  "
          + String.join("\n  ", found.stream().map(LogSecrets.Finding::toString).toList()));
    }
  }
}

package dev.saaskit.testkit;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool some tests need (cfn-lint, terraform, moto, aws-sam-translator). Where it is
 * missing a developer's run skips those tests, saying so; under {@code CI=true} they fail instead,
 * naming what to install, so CI never reports a check it did not make.
 */
public final class RequiredTool {

  private RequiredTool() {}

  /** Skips the calling test (or fails it under CI) unless {@code installed}. */
  public static void require(boolean installed, String tool, String install) {
    if (installed) {
      return;
    }
    String message = tool + " is not installed (" + install + ")";
    if (Boolean.parseBoolean(System.getenv("CI"))) {
      throw new AssertionError(message + ": CI=true runs every check, so this test fails instead of skipping. "
          + "Install it, or see the README's list of what the full suite needs.");
    }
    Assumptions.abort(message + ": skipped here; under CI=true this fails");
  }

  /** True when {@code command} runs and exits 0 within a minute. */
  public static boolean succeeds(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

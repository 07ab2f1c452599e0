package dev.saaskit.testkit.logs;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts reading the log lines before any test engine runs (jqwik's too), and writes the JVM's
 * figures when the session ends. Registered through {@code META-INF/services}.
 */
public final class LogCaptureSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    LogSecrets.install();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    LogSecrets.writeSummary();
  }
}

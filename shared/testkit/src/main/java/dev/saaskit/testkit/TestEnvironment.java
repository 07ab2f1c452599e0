package dev.saaskit.testkit;

/** Everything a function under test needs around it: database, queues, token keys. Idempotent. */
public final class TestEnvironment {

  /** Held so java.util.logging keeps the level: loggers are only weakly referenced. */
  private static final java.util.logging.Logger ROOT = java.util.logging.Logger.getLogger("");

  private TestEnvironment() {}

  public static synchronized void ensure() {
    // Embedded servers log every start-up step at INFO; the tests' output is about the functions.
    ROOT.setLevel(java.util.logging.Level.WARNING);
    TestDatabase.get();
    TestQueues.get();
    TestTokens.get();
  }
}

package dev.saaskit.testkit;

/** Everything a function under test needs around it: database, queues, token keys. Idempotent. */
public final class TestEnvironment {

  private TestEnvironment() {}

  public static synchronized void ensure() {
    TestDatabase.get();
    TestQueues.get();
    TestTokens.get();
  }
}

package dev.saaskit.workers.engine;

import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before trying again. */
final class Backoff {

  static final int MAX_SECONDS = 3600;

  private Backoff() {}

  /**
   * Before attempt {@code failedAttempt + 1}: {@code base} doubled for each failed attempt after the
   * first, at most an hour, half of it fixed and half random ("equal jitter"), so steps that failed
   * together do not all come back at the same moment.
   */
  static int retry(int baseSeconds, int failedAttempt) {
    long full = Math.min(MAX_SECONDS, (long) baseSeconds << Math.min(failedAttempt - 1, 20));
    long half = full / 2;
    return (int) (full - half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** A step whose organization is at its concurrency limit comes back after 3 to 10 seconds. */
  static int deferral() {
    return 3 + ThreadLocalRandom.current().nextInt(8);
  }
}

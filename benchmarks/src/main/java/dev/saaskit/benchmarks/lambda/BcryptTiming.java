package dev.saaskit.benchmarks.lambda;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The time of one bcrypt check at a cost, alone: what a sign-in spends on the password, in a
 * function JVM with the flags under test. Uses the {@code BCrypt} class of the artifact on the class
 * path, the one identity's password encoder calls.
 *
 * <p>Arguments: cost, warm-up checks, measured checks. Prints {@code RESULT <json>} with the
 * percentiles in milliseconds.
 */
public final class BcryptTiming {

  private BcryptTiming() {}

  public static void main(String[] args) {
    int cost = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int iterations = Integer.parseInt(args[2]);
    String password = "a digest stands in for the password";
    String hash = BCrypt.hashpw(password, BCrypt.gensalt(cost));
    for (int i = 0; i < warmup; i++) {
      check(password, hash);
    }
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      check(password, hash);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.println(String.format(Locale.ROOT, "RESULT {\"cost\":%d,\"iterations\":%d,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"min_ms\":%.3f}",
        cost, iterations, nanos[iterations / 2] / 1e6, nanos[(int) Math.ceil(iterations * 0.9) - 1] / 1e6, nanos[0] / 1e6));
  }

  private static void check(String password, String hash) {
    if (!BCrypt.checkpw(password, hash)) {
      throw new IllegalStateException("bcrypt did not match its own hash");
    }
  }
}

package dev.saaskit.audit.analytics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The fixed logarithmic buckets of the roll-ups' duration histograms. Bound k is 100 µs x 2^(k/8),
 * rounded to the microsecond: 0.1 ms up to 915 s (past Lambda's 900 s limit), each bound 2^(1/8)
 * = 1.0905 times the one before (between 1.085 and 1.093 below 2 ms, where the rounding to whole
 * microseconds shows). Element 0 of a histogram counts durations under the first bound, element i
 * those in [bound i-1, bound i). A percentile is read as the upper bound of the bucket it falls in:
 * never below the true value, and at most 9.3 % above it.
 */
public final class DurationHistogram {

  /** The buckets' bounds in microseconds; V92's histograms are counted on these and no others. */
  public static final long[] BOUNDS_US = LongStream.rangeClosed(0, 185)
      .map(k -> Math.round(100 * StrictMath.pow(2, k / 8.0)))
      .toArray();

  /** Elements of every histogram: one below the first bound, one from each bound up. */
  public static final int BUCKETS = BOUNDS_US.length + 1;

  /** How far above the true value a percentile may read, as the response states it. */
  public static final String PRECISION =
      "each percentile is the upper bound of its logarithmic bucket (bounds 2^(1/8) apart): never below the true value and at most 9.3% above it";

  private DurationHistogram() {}

  /** The bounds as a PostgreSQL array literal, for {@code cast(:bounds as bigint[])}. */
  static String boundsLiteral() {
    return Arrays.stream(BOUNDS_US).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * The {@code percent}th percentile (nearest rank) of the counted durations, in milliseconds; null
   * when nothing was counted.
   */
  static BigDecimal percentileMs(long[] counts, int percent) {
    long total = LongStream.of(counts).sum();
    if (total == 0) {
      return null;
    }
    long rank = (total * percent + 99) / 100;
    long seen = 0;
    for (int bucket = 0; bucket < counts.length; bucket++) {
      seen += counts[bucket];
      if (seen >= rank) {
        // The last bucket has no upper bound: its lower one (never reached within Lambda's limit).
        long upper = BOUNDS_US[Math.min(bucket, BOUNDS_US.length - 1)];
        return BigDecimal.valueOf(upper, 3);
      }
    }
    throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
  }
}

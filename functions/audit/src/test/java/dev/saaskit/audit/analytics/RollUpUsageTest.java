package dev.saaskit.audit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The roll-up-usage schedule: hours from records, days from hours, late records, idempotence, and the records' retention. */
class RollUpUsageTest {

  final UUID organization = UUID.randomUUID();
  final String function = Usage.function();

  /** One roll-up row of the test's function: its numbers, and its histogram's non-zero buckets. */
  record Row(long requests, BigDecimal durationMsSum, long billedMsSum, long billedMbMs, long coldStarts, Map<Integer, Long> buckets) {}

  Row row(String table, Instant periodStart) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            """
            select requests, duration_ms_sum, billed_ms_sum, billed_mb_ms, cold_starts, duration_histogram
              from %s
             where function_name = :function and period_start = :start
            """.formatted(table))
        .bind("function", function).bind("start", periodStart)
        .map((rs, ctx) -> {
          Long[] histogram = (Long[]) rs.getArray("duration_histogram").getArray();
          assertThat(histogram).hasSize(DurationHistogram.BUCKETS);
          Map<Integer, Long> buckets = new java.util.TreeMap<>();
          for (int i = 0; i < histogram.length; i++) {
            if (histogram[i] != 0) {
              buckets.put(i, histogram[i]);
            }
          }
          return new Row(rs.getLong("requests"), rs.getBigDecimal("duration_ms_sum"), rs.getLong("billed_ms_sum"),
              rs.getLong("billed_mb_ms"), rs.getLong("cold_starts"), buckets);
        })
        .findOne().orElse(null));
  }

  /** The bucket of a duration: the first bound above it. */
  static int bucketOf(long microseconds) {
    int bucket = 0;
    while (bucket < DurationHistogram.BOUNDS_US.length && DurationHistogram.BOUNDS_US[bucket] <= microseconds) {
      bucket++;
    }
    return bucket;
  }

  @Test
  void an_hour_sums_its_records_and_counts_their_durations_in_logarithmic_buckets() {
    Instant hour = Usage.recentHour();
    // 100 requests: 50 of 12.5 ms (billed 13), 45 of 50 ms, 4 of 200 ms, 1 of 800 ms; 3 cold starts; 512 MB.
    Usage.records(organization, function, "http", "GET /api/v1/things", 2, 50, "12.5", 13, 512, 3, hour.plusSeconds(60));
    Usage.records(organization, function, "http", "GET /api/v1/things", 2, 45, "50", 50, 512, 0, hour.plusSeconds(1200));
    Usage.records(organization, function, "http", "GET /api/v1/things", 2, 4, "200", 200, 512, 0, hour.plusSeconds(2400));
    Usage.records(organization, function, "http", "GET /api/v1/things", 2, 1, "800", 800, 512, 0, hour.plusSeconds(3599));
    Usage.records(organization, function, "http", "GET /api/v1/things", 2, 7, "1", 1, 512, 0, hour.plus(1, ChronoUnit.HOURS));

    Usage.rollUp();

    Row row = row("usage_hourly", hour);
    assertThat(row.requests()).isEqualTo(100);
    assertThat(row.durationMsSum()).isEqualByComparingTo("4475"); // 625 + 2250 + 800 + 800
    assertThat(row.billedMsSum()).isEqualTo(4500); // 650 + 2250 + 800 + 800
    assertThat(row.billedMbMs()).isEqualTo(4500L * 512); // 2.25 GB-seconds
    assertThat(row.coldStarts()).isEqualTo(3);
    assertThat(row.buckets()).containsExactlyInAnyOrderEntriesOf(Map.of(
        bucketOf(12_500), 50L, bucketOf(50_000), 45L, bucketOf(200_000), 4L, bucketOf(800_000), 1L));
    // 12.5 ms lies in [11.74, 12.8) ms: the bucket whose upper bound is 100 µs x 2^7.
    assertThat(DurationHistogram.BOUNDS_US[bucketOf(12_500)]).isEqualTo(12_800);
    assertThat(row("usage_hourly", hour.plus(1, ChronoUnit.HOURS)).requests()).as("the next hour apart").isEqualTo(7);
  }

  @Test
  void percentiles_are_the_upper_bounds_of_the_buckets_the_ranks_fall_in() {
    long[] counts = new long[DurationHistogram.BUCKETS];
    counts[bucketOf(12_500)] = 50;
    counts[bucketOf(50_000)] = 45;
    counts[bucketOf(200_000)] = 4;
    counts[bucketOf(800_000)] = 1;

    assertThat(DurationHistogram.percentileMs(counts, 50)).isEqualByComparingTo("12.8"); // rank 50: 12.5 ms
    assertThat(DurationHistogram.percentileMs(counts, 95)).isEqualByComparingTo("51.2"); // rank 95: 50 ms
    assertThat(DurationHistogram.percentileMs(counts, 99)).isEqualByComparingTo("204.8"); // rank 99: 200 ms
    assertThat(DurationHistogram.percentileMs(new long[DurationHistogram.BUCKETS], 50)).isNull();
    for (int k = 1; k < DurationHistogram.BOUNDS_US.length; k++) {
      double width = (double) DurationHistogram.BOUNDS_US[k] / DurationHistogram.BOUNDS_US[k - 1];
      assertThat(width).as("bucket %d's relative width", k).isBetween(1.0846, 1.093);
    }
    assertThat(DurationHistogram.BOUNDS_US[DurationHistogram.BOUNDS_US.length - 1]).as("past Lambda's 900 s").isGreaterThan(900_000_000L);
  }

  @Test
  void a_second_run_changes_nothing_and_a_late_record_is_rolled_up_into_its_old_hour_and_day() {
    // An hour the recent window no longer covers: only the records' arrival brings it back.
    Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
    Instant early = day.plus(3, ChronoUnit.HOURS);
    Instant late = day.plus(17, ChronoUnit.HOURS);
    Usage.records(organization, function, "sqs", null, 2, 4, "100", 100, 1024, 1, early.plusSeconds(10));
    Usage.records(organization, function, "sqs", null, 2, 6, "300", 300, 1024, 0, late.plusSeconds(10));
    Usage.rollUp();
    Row earlyRow = row("usage_hourly", early);
    Row dayRow = row("usage_daily", day);
    assertThat(earlyRow.requests()).isEqualTo(4);
    assertThat(dayRow.requests()).isEqualTo(10);
    assertThat(dayRow.billedMbMs()).isEqualTo((4 * 100 + 6 * 300) * 1024L);
    assertThat(dayRow.coldStarts()).isEqualTo(1);
    assertThat(dayRow.buckets()).containsExactlyInAnyOrderEntriesOf(Map.of(bucketOf(100_000), 4L, bucketOf(300_000), 6L));

    Usage.rollUp();
    assertThat(row("usage_hourly", early)).as("recomputed, not added to").isEqualTo(earlyRow);
    assertThat(row("usage_daily", day)).isEqualTo(dayRow);

    Usage.records(organization, function, "sqs", null, 2, 2, "100", 100, 1024, 0, early.plusSeconds(3000));
    Usage.rollUp();
    assertThat(row("usage_hourly", early).requests()).isEqualTo(6);
    assertThat(row("usage_daily", day).requests()).isEqualTo(12);
    assertThat(row("usage_daily", day).buckets()).containsExactlyInAnyOrderEntriesOf(Map.of(bucketOf(100_000), 6L, bucketOf(300_000), 6L));
  }

  @Test
  void records_past_the_retention_are_purged_and_their_roll_ups_kept() {
    Instant old = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(8, ChronoUnit.DAYS);
    Instant kept = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(6, ChronoUnit.DAYS);
    Usage.records(organization, function, "schedule", null, 2, 3, "5", 5, 128, 0, kept.plusSeconds(1));
    Usage.records(organization, function, "schedule", null, 2, 2, "5", 5, 128, 0, old.plusSeconds(1));

    long purged = Usage.rollUp().path("purged_records").asLong();

    assertThat(purged).isGreaterThanOrEqualTo(2);
    assertThat(records(old)).isZero();
    assertThat(records(kept)).isEqualTo(3);
    assertThat(row("usage_hourly", old)).as("an hour past the retention is never recomputed from what is left of it").isNull();
    assertThat(row("usage_hourly", kept).requests()).isEqualTo(3);

    Lambda.withSettings(Map.of("USAGE_RECORD_RETENTION_DAYS", "5"), Usage::rollUp);
    assertThat(records(kept)).as("a shorter retention applies on the next run").isZero();
  }

  long records(Instant hour) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select count(*) from request_records where function_name = :f and occurred_at >= :h and occurred_at < cast(:h as timestamptz) + interval '1 hour'")
        .bind("f", function).bind("h", hour).mapTo(Long.class).one());
  }

  @Test
  void the_bounds_are_a_fixed_list() {
    assertThat(Arrays.stream(DurationHistogram.BOUNDS_US).limit(9)).containsExactly(100L, 109L, 119L, 130L, 141L, 154L, 168L, 183L, 200L);
  }
}

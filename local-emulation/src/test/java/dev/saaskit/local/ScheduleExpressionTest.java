package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

  private static Instant next(String expression, String after) {
    return ScheduleExpression.parse(expression).next(Instant.parse(after)).orElseThrow();
  }

  @Test
  void rates_fire_one_period_later() {
    assertThat(next("rate(1 minute)", "2026-01-01T00:00:30Z")).isEqualTo("2026-01-01T00:01:30Z");
    assertThat(next("rate(5 minutes)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T00:05:00Z");
    assertThat(next("rate(2 hours)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T02:00:00Z");
    assertThat(next("rate(1 day)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void cron_fields_with_values_lists_ranges_and_steps() {
    assertThat(next("cron(15 3 * * ? *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T03:15:00Z");
    assertThat(next("cron(15 3 * * ? *)", "2026-01-01T03:15:00Z")).isEqualTo("2026-01-02T03:15:00Z");
    assertThat(next("cron(0/15 * * * ? *)", "2026-01-01T10:07:00Z")).isEqualTo("2026-01-01T10:15:00Z");
    assertThat(next("cron(0,30 9-10 * * ? *)", "2026-01-01T10:31:00Z")).isEqualTo("2026-01-02T09:00:00Z");
    assertThat(next("cron(0 18 ? * MON-FRI *)", "2026-01-02T19:00:00Z")).isEqualTo("2026-01-05T18:00:00Z"); // Fri -> Mon
    assertThat(next("cron(0 8 1 JAN,JUL ? *)", "2026-02-01T00:00:00Z")).isEqualTo("2026-07-01T08:00:00Z");
    assertThat(next("cron(0 0 1 1 ? 2030)", "2026-01-01T00:00:00Z")).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(next("cron(0 12 ? * 1 *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-04T12:00:00Z"); // 1 = Sunday
  }

  @Test
  void cron_last_nearest_weekday_and_nth_weekday() {
    assertThat(next("cron(0 10 L * ? *)", "2026-02-01T00:00:00Z")).isEqualTo("2026-02-28T10:00:00Z");
    assertThat(next("cron(0 9 ? * 6L *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-30T09:00:00Z"); // last Friday
    assertThat(next("cron(0 9 ? * MON#1 *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(next("cron(0 9 ? * 3#2 *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-13T09:00:00Z"); // 2nd Tuesday
    assertThat(next("cron(0 9 3W * ? *)", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-02T09:00:00Z"); // Sat 3rd -> Fri 2nd
    assertThat(next("cron(0 9 1W * ? *)", "2026-08-01T00:00:00Z")).isEqualTo("2026-08-03T09:00:00Z"); // Sat 1st -> Mon 3rd
  }

  @Test
  void a_year_in_the_past_never_fires_again() {
    assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2020)").next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void mistakes_are_named() {
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * * * *)")).hasMessageContaining("'?' in exactly one");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 ? * ? *)")).hasMessageContaining("'?' in exactly one");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(60 0 * * ? *)")).hasMessageContaining("minutes value '60'");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * * ?)")).hasMessageContaining("6 fields");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 ? * 9#1 *)")).hasMessageContaining("day-of-week");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 5-1 * ? *)")).hasMessageContaining("runs backwards");
    assertThatThrownBy(() -> ScheduleExpression.parse("every day")).hasMessageContaining("neither rate");
  }
}

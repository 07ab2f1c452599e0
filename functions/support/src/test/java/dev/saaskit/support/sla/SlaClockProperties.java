package dev.saaskit.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * SLA clocks through random pauses and resumptions, over random calendars, against a count minute by
 * minute: a clock is due at the end of the minute in which its target's last working minute, spent
 * running, was counted.
 */
class SlaClockProperties {

  static final Instant OPENED = Instant.parse("2030-03-20T10:00:00Z");
  static final int HORIZON_MINUTES = 30 * 24 * 60;

  @Provide
  Arbitrary<BusinessCalendar> calendars() {
    return BusinessCalendarProperties.calendarArbitrary();
  }

  /** A change of phase, some minutes after the previous one. */
  record Change(int afterMinutes, boolean running) {}

  @Provide
  Arbitrary<List<Change>> changes() {
    return Combinators.combine(Arbitraries.integers().between(1, 2_000), Arbitraries.of(true, false))
        .as(Change::new).list().ofMaxSize(8);
  }

  @Property(tries = 120)
  void due_times_count_only_working_time_while_running(@ForAll("calendars") BusinessCalendar calendar, @ForAll("changes") List<Change> changes,
      @ForAll @IntRange(min = 1, max = 3_000) int firstResponse, @ForAll @IntRange(min = 1, max = 6_000) int resolution) {
    SlaClock clock = SlaClock.start(new SlaPolicy.Targets(firstResponse, resolution), OPENED, calendar);
    Instant at = OPENED;
    Instant resumed = OPENED;
    boolean running = true;
    for (Change change : changes) {
      at = at.plus(change.afterMinutes(), ChronoUnit.MINUTES);
      if (change.running() && !running) {
        resumed = at;
      }
      running = change.running();
      clock = clock.enter(running ? SlaClock.Phase.RUNNING : SlaClock.Phase.PAUSED, false, at, calendar);
    }

    if (!running) {
      assertThat(clock.firstResponseDueAt()).as("a paused clock has no due time").isNull();
      assertThat(clock.resolutionDueAt()).isNull();
      return;
    }
    Instant firstResponseDue = countedDue(calendar, changes, firstResponse);
    Instant resolutionDue = countedDue(calendar, changes, resolution);
    Assume.that(firstResponseDue != null && resolutionDue != null);
    expectDue(clock.firstResponseDueAt(), firstResponseDue, resumed);
    expectDue(clock.resolutionDueAt(), resolutionDue, resumed);
  }

  @Property(tries = 100)
  void pausing_and_resuming_at_once_changes_nothing(@ForAll("calendars") BusinessCalendar calendar,
      @ForAll @IntRange(min = 0, max = 5_000) int pauseAfter, @ForAll @IntRange(min = 1, max = 6_000) int resolution) {
    SlaClock clock = SlaClock.start(new SlaPolicy.Targets(resolution, resolution), OPENED, calendar);
    Instant at = OPENED.plus(pauseAfter, ChronoUnit.MINUTES);

    SlaClock again = clock.enter(SlaClock.Phase.PAUSED, false, at, calendar).enter(SlaClock.Phase.RUNNING, false, at, calendar);

    Assume.that(clock.resolutionDueAt() != null && clock.resolutionDueAt().isAfter(at));
    assertThat(again.resolutionDueAt()).isEqualTo(clock.resolutionDueAt());
  }

  @Property(tries = 100)
  void a_pause_moves_the_due_time_by_the_working_time_it_held(@ForAll("calendars") BusinessCalendar calendar,
      @ForAll @IntRange(min = 0, max = 3_000) int pauseAfter, @ForAll @IntRange(min = 1, max = 3_000) int pauseFor,
      @ForAll @IntRange(min = 1, max = 6_000) int resolution) {
    SlaClock clock = SlaClock.start(new SlaPolicy.Targets(resolution, resolution), OPENED, calendar);
    Instant pausedAt = OPENED.plus(pauseAfter, ChronoUnit.MINUTES);
    Instant resumedAt = pausedAt.plus(pauseFor, ChronoUnit.MINUTES);
    Assume.that(clock.resolutionDueAt() != null && clock.resolutionDueAt().isAfter(pausedAt));

    SlaClock resumed = clock.enter(SlaClock.Phase.PAUSED, false, pausedAt, calendar).enter(SlaClock.Phase.RUNNING, false, resumedAt, calendar);

    Assume.that(resumed.resolutionDueAt() != null);
    Duration before = calendar.workingTimeBetween(OPENED, clock.resolutionDueAt());
    Duration after = calendar.workingTimeBetween(OPENED, resumed.resolutionDueAt()).minus(calendar.workingTimeBetween(pausedAt, resumedAt));
    assertThat(after).isEqualTo(before);
  }

  @Property(tries = 50)
  void a_stopped_clock_keeps_its_due_time(@ForAll("calendars") BusinessCalendar calendar, @ForAll @IntRange(min = 0, max = 5_000) int solvedAfter) {
    SlaClock clock = SlaClock.start(new SlaPolicy.Targets(60, 600), OPENED, calendar);

    SlaClock solved = clock.enter(SlaClock.Phase.RESOLVED, true, OPENED.plus(solvedAfter, ChronoUnit.MINUTES), calendar);

    assertThat(solved.resolutionDueAt()).isEqualTo(clock.resolutionDueAt());
    assertThat(solved.firstResponseDueAt()).isEqualTo(clock.firstResponseDueAt());
    assertThat(solved.runningSince()).isNull();
  }

  /** A clock resumed after its target was used up is due when it resumed: already breached. */
  private static void expectDue(Instant clockDue, Instant countedDue, Instant resumed) {
    assertThat(clockDue).isEqualTo(countedDue.isAfter(resumed) ? countedDue : resumed);
  }

  /** Minute by minute from the opening: the end of the minute that completes {@code target} running working minutes. */
  private static Instant countedDue(BusinessCalendar calendar, List<Change> changes, int target) {
    int counted = 0;
    Instant nextChange = changes.isEmpty() ? null : OPENED.plus(changes.get(0).afterMinutes(), ChronoUnit.MINUTES);
    int next = 0;
    boolean running = true;
    Instant t = OPENED;
    for (int minute = 0; minute < HORIZON_MINUTES; minute++, t = t.plus(1, ChronoUnit.MINUTES)) {
      while (nextChange != null && !t.isBefore(nextChange)) {
        running = changes.get(next).running();
        next++;
        nextChange = next < changes.size() ? nextChange.plus(changes.get(next).afterMinutes(), ChronoUnit.MINUTES) : null;
      }
      if (running && calendar.isWorking(t) && ++counted == target) {
        return t.plus(1, ChronoUnit.MINUTES);
      }
    }
    return null;
  }
}

package dev.saaskit.support.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * A ticket's two SLA clocks, first response and resolution, as stored with it. Both start when the
 * ticket is opened and count working time ({@link BusinessCalendar}) while it runs ({@code new},
 * {@code open}); they pause while it waits ({@code pending}, {@code on_hold}). The first-response
 * clock stops at the first public reply of an agent, the resolution clock when the ticket is
 * solved; a stopped clock keeps the due time it had. Paused clocks have no due time.
 *
 * <p>The two share one count of working time consumed in finished running spans ({@code
 * consumedSeconds}) and the start of the current span ({@code runningSince}, null while not
 * running): a due time is the working time left after the consumed part, added from the start of
 * the current span. The due times are stored so the schedule finds breaches with one comparison.
 *
 * @param firstResponseMinutes the target for the priority in the organization's plan, or null (no SLA)
 */
public record SlaClock(
    Integer firstResponseMinutes,
    Integer resolutionMinutes,
    Instant runningSince,
    long consumedSeconds,
    Instant firstResponseDueAt,
    Instant resolutionDueAt) {

  /** Where a ticket stands, as far as its clocks care. */
  public enum Phase {
    /** {@code new}, {@code open}: the clocks run. */
    RUNNING,
    /** {@code pending}, {@code on_hold}: waiting on the customer or a third party. */
    PAUSED,
    /** {@code solved}, {@code closed}: the resolution clock has stopped. */
    RESOLVED
  }

  /** The clocks of a ticket opened at {@code now}: running. */
  public static SlaClock start(SlaPolicy.Targets targets, Instant now, BusinessCalendar calendar) {
    return new SlaClock(targets.firstResponseMinutes(), targets.resolutionMinutes(), now, 0, null, null)
        .withDueTimes(Phase.RUNNING, false, calendar);
  }

  /** The clocks after the ticket moves into {@code phase} at {@code now}. */
  public SlaClock enter(Phase phase, boolean responded, Instant now, BusinessCalendar calendar) {
    long consumed = consumedSeconds;
    Instant since = runningSince;
    if (since != null && phase != Phase.RUNNING) {
      consumed += calendar.workingTimeBetween(since, now).toSeconds();
      since = null;
    } else if (since == null && phase == Phase.RUNNING) {
      since = now;
    }
    return new SlaClock(firstResponseMinutes, resolutionMinutes, since, consumed, firstResponseDueAt, resolutionDueAt)
        .withDueTimes(phase, responded, calendar);
  }

  /** The clocks with the targets of a new priority; time already consumed still counts. */
  public SlaClock retarget(SlaPolicy.Targets targets, Phase phase, boolean responded, BusinessCalendar calendar) {
    SlaClock clock = new SlaClock(targets.firstResponseMinutes(), targets.resolutionMinutes(), runningSince, consumedSeconds,
        responded ? firstResponseDueAt : null, phase == Phase.RESOLVED ? resolutionDueAt : null);
    return clock.withDueTimes(phase, responded, calendar);
  }

  private SlaClock withDueTimes(Phase phase, boolean responded, BusinessCalendar calendar) {
    Instant firstResponse = responded ? firstResponseDueAt : due(firstResponseMinutes, calendar);
    Instant resolution = phase == Phase.RESOLVED ? resolutionDueAt : due(resolutionMinutes, calendar);
    return new SlaClock(firstResponseMinutes, resolutionMinutes, runningSince, consumedSeconds, firstResponse, resolution);
  }

  /** When {@code minutes} of working time will have been consumed, if the clock runs; null otherwise. */
  private Instant due(Integer minutes, BusinessCalendar calendar) {
    if (minutes == null || runningSince == null) {
      return null;
    }
    Duration left = Duration.ofMinutes(minutes).minusSeconds(consumedSeconds);
    return calendar.addWorkingTime(runningSince, left.isNegative() ? Duration.ZERO : left);
  }

  /**
   * Whether a clock is breached at {@code now}: it was marked so, or it runs past its due time, or
   * it stopped ({@code achievedAt}) after it.
   */
  public static boolean breached(Instant breachedAt, Instant dueAt, Instant achievedAt, Instant now) {
    if (breachedAt != null) {
      return true;
    }
    if (dueAt == null) {
      return false;
    }
    return achievedAt == null ? !now.isBefore(dueAt) : achievedAt.isAfter(dueAt);
  }
}

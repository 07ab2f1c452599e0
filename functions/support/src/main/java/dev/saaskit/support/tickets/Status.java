package dev.saaskit.support.tickets;

import dev.saaskit.support.sla.SlaClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** A ticket's status, the moves allowed from each, and what each means for its SLA clocks. */
public enum Status {
  NEW(SlaClock.Phase.RUNNING),
  OPEN(SlaClock.Phase.RUNNING),
  PENDING(SlaClock.Phase.PAUSED),
  ON_HOLD(SlaClock.Phase.PAUSED),
  SOLVED(SlaClock.Phase.RESOLVED),
  CLOSED(SlaClock.Phase.RESOLVED);

  public static final List<String> CODES = Stream.of(values()).map(Status::code).toList();

  private final SlaClock.Phase phase;

  Status(SlaClock.Phase phase) {
    this.phase = phase;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public SlaClock.Phase phase() {
    return phase;
  }

  /**
   * Where a ticket may go from here. Nothing goes back to {@code new}; {@code closed} is final and
   * reached from {@code solved} only; a solved ticket is reopened to {@code open}.
   */
  public Set<Status> next() {
    return switch (this) {
      case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
      case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED);
      case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED);
      case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED);
      case SOLVED -> EnumSet.of(OPEN, CLOSED);
      case CLOSED -> EnumSet.noneOf(Status.class);
    };
  }

  public static Optional<Status> fromCode(String code) {
    return Stream.of(values()).filter(s -> s.code().equals(code)).findFirst();
  }

  public static Status of(String code) {
    return fromCode(code).orElseThrow(() -> new IllegalStateException("unknown status " + code));
  }
}

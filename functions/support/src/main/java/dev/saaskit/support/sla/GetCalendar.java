package dev.saaskit.support.sla;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/support/calendar}: when the caller's organization's SLA clocks count. */
public final class GetCalendar implements Endpoint<Void, CalendarView> {

  @Override
  public Reply<CalendarView> handle(Call<Void> call) {
    return Reply.ok(CalendarView.of(new Calendars(call.db()).of(call.caller().organization())));
  }
}

package dev.saaskit.support.sla;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportAction;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /api/v1/support/calendar}: replaces the organization's time zone, business hours and
 * holidays. Open tickets keep their due times until their clocks next change (a status, priority
 * or first reply), which then count by the new calendar.
 */
public final class UpdateCalendar implements Endpoint<UpdateCalendar.Request, CalendarView> {

  public record Request(String timeZone, Map<String, CalendarView.Span> businessHours, List<LocalDate> holidays)
      implements Validatable {
    @Override
    public void validate(Violations v) {
      view().validate(v);
    }

    CalendarView view() {
      return new CalendarView(timeZone, businessHours, holidays);
    }
  }

  @Override
  public Reply<CalendarView> handle(Call<Request> call) {
    BusinessCalendar calendar = call.body().view().calendar();
    new Calendars(call.db()).save(call.caller().organization(), calendar);
    CalendarView saved = CalendarView.of(calendar);
    call.audit(SupportAction.CALENDAR_UPDATED, "support_calendar", call.caller().organization(),
        Map.of("time_zone", saved.timeZone(), "business_hours", saved.businessHours(), "holidays", saved.holidays()));
    return Reply.ok(saved);
  }
}

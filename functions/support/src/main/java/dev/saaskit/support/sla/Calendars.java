package dev.saaskit.support.sla;

import dev.saaskit.shared.db.Handle;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Each organization's business calendar ({@code support_calendars}, {@code support_business_hours}). */
public final class Calendars {

  private final Handle db;

  public Calendars(Handle db) {
    this.db = db;
  }

  /** The organization's calendar, or {@link BusinessCalendar#ALWAYS} when it has set none. */
  public BusinessCalendar of(UUID organization) {
    Optional<BusinessCalendar> stored = db.createQuery("select time_zone, holidays from support_calendars where organization_id = :org")
        .bind("org", organization)
        .map(rs -> {
          Set<LocalDate> holidays = new HashSet<>();
          for (Object day : (Object[]) rs.getArray("holidays").getArray()) {
            holidays.add(((Date) day).toLocalDate());
          }
          return new BusinessCalendar(ZoneId.of(rs.getString("time_zone")), Map.of(), holidays);
        })
        .findOne();
    if (stored.isEmpty()) {
      return BusinessCalendar.ALWAYS;
    }
    Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
    db.createQuery("select weekday, opens_minute, closes_minute from support_business_hours where organization_id = :org")
        .bind("org", organization)
        .map(rs -> Map.entry(DayOfWeek.of(rs.getInt("weekday")),
            new BusinessCalendar.Hours(rs.getInt("opens_minute"), rs.getInt("closes_minute"))))
        .forEach(e -> hours.put(e.getKey(), e.getValue()));
    return new BusinessCalendar(stored.get().zone(), hours, stored.get().holidays());
  }

  /** Replaces the organization's calendar. Tickets' due times follow it from their next clock change. */
  public void save(UUID organization, BusinessCalendar calendar) {
    db.createUpdate(
            """
            insert into support_calendars (organization_id, time_zone, holidays, updated_at) values (:org, :zone, cast(:holidays as date[]), now())
            on conflict (organization_id) do update set time_zone = excluded.time_zone, holidays = excluded.holidays, updated_at = now()
            """)
        .bind("org", organization)
        .bind("zone", calendar.zone().getId())
        .bind("holidays", calendar.holidays().stream().sorted().map(LocalDate::toString).toArray(String[]::new))
        .execute();
    db.createUpdate("delete from support_business_hours where organization_id = :org").bind("org", organization).execute();
    calendar.hours().forEach((day, h) -> db.createUpdate(
            """
            insert into support_business_hours (organization_id, weekday, opens_minute, closes_minute)
            values (:org, :weekday, :opens, :closes)
            """)
        .bind("org", organization)
        .bind("weekday", day.getValue())
        .bind("opens", h.opens())
        .bind("closes", h.closes())
        .execute());
  }
}

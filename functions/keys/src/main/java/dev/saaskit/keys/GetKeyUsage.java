package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/keys/{id}/usage?from=&to=}: the key's requests per UTC day and per route, by
 * status class, over a range of days (both ends included; by default the last 30 days). Days without
 * requests are left out.
 */
public final class GetKeyUsage implements Endpoint<Void, GetKeyUsage.Response> {

  public static final int DEFAULT_DAYS = 30;
  public static final int MAX_DAYS = 366;

  /** @param statusClasses requests by the class of their answer: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx} */
  public record Counts(long requests, Map<String, Long> statusClasses) {}

  public record RouteUsage(String route, Counts counts) {}

  public record DayUsage(LocalDate date, Counts counts, List<RouteUsage> routes) {}

  public record Response(UUID keyId, LocalDate from, LocalDate to, Counts total, List<DayUsage> days) {}

  private record Row(LocalDate day, String route, long[] classes) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    LocalDate to = date(call, "to", LocalDate.now(ZoneOffset.UTC));
    LocalDate from = date(call, "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "from must not be after to");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "the range may span at most " + MAX_DAYS + " days");
    }
    UUID organization = call.caller().organization();
    if (new KeyStore(call.db(), organization).find(id).isEmpty()) {
      throw ApiException.notFound("API key");
    }
    List<Row> rows = call.db().createQuery(
            """
            select day, route, status_2xx, status_3xx, status_4xx, status_5xx
              from api_key_usage
             where key_id = :id and organization_id = :org and day between :from and :to
             order by day, route
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("from", from)
        .bind("to", to)
        .map(rs -> new Row(rs.getObject("day", LocalDate.class), rs.getString("route"), new long[] {
            rs.getLong("status_2xx"), rs.getLong("status_3xx"), rs.getLong("status_4xx"), rs.getLong("status_5xx")}))
        .list();
    return Reply.ok(summarise(id, from, to, rows));
  }

  private static Response summarise(UUID id, LocalDate from, LocalDate to, List<Row> rows) {
    long[] total = new long[4];
    List<DayUsage> days = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      LocalDate day = rows.get(i).day();
      long[] dayTotal = new long[4];
      List<RouteUsage> routes = new ArrayList<>();
      for (; i < rows.size() && rows.get(i).day().equals(day); i++) {
        Row row = rows.get(i);
        routes.add(new RouteUsage(row.route(), counts(row.classes())));
        add(dayTotal, row.classes());
      }
      add(total, dayTotal);
      days.add(new DayUsage(day, counts(dayTotal), routes));
    }
    return new Response(id, from, to, counts(total), days);
  }

  private static void add(long[] sum, long[] more) {
    for (int c = 0; c < sum.length; c++) {
      sum[c] += more[c];
    }
  }

  private static Counts counts(long[] classes) {
    Map<String, Long> byClass = new LinkedHashMap<>();
    byClass.put("2xx", classes[0]);
    byClass.put("3xx", classes[1]);
    byClass.put("4xx", classes[2]);
    byClass.put("5xx", classes[3]);
    return new Counts(classes[0] + classes[1] + classes[2] + classes[3], byClass);
  }

  private static LocalDate date(Call<Void> call, String name, LocalDate fallback) {
    String value = call.query(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be a date such as 2030-01-31");
    }
  }
}

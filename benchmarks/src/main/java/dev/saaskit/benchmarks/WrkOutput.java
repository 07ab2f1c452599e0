package dev.saaskit.benchmarks;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of one {@code wrk --latency} run, read from its report. */
record WrkOutput(long requests, double seconds, double requestsPerS, double p50Ms, double p75Ms, double p90Ms, double p99Ms,
                 long non2xx, long socketErrors) {

  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  static WrkOutput parse(String report) {
    Matcher total = find(TOTAL, report, "the request count");
    Matcher rate = find(RATE, report, "Requests/sec");
    double[] percentiles = new double[4];
    Matcher p = PERCENTILE.matcher(report);
    int found = 0;
    while (p.find()) {
      int slot = switch (p.group(1)) {
        case "50" -> 0;
        case "75" -> 1;
        case "90" -> 2;
        default -> 3;
      };
      percentiles[slot] = toMs(Double.parseDouble(p.group(2)), p.group(3));
      found++;
    }
    if (found != 4) {
      throw new IllegalArgumentException("wrk printed no latency distribution (run it with --latency):\n" + report);
    }
    Matcher non2xx = NON_2XX.matcher(report);
    Matcher socket = SOCKET_ERRORS.matcher(report);
    long errors = 0;
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new WrkOutput(
        Long.parseLong(total.group(1)), toMs(Double.parseDouble(total.group(2)), total.group(3)) / 1000,
        Double.parseDouble(rate.group(1)),
        percentiles[0], percentiles[1], percentiles[2], percentiles[3],
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors);
  }

  private static Matcher find(Pattern pattern, String report, String what) {
    Matcher m = pattern.matcher(report);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + what + " in wrk's report:\n" + report);
    }
    return m;
  }

  private static double toMs(double value, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}

package dev.saaskit.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * Warm latency on the in-process invoke path: one handler instance (one warm container) is passed
 * event bytes over and over, exactly as the Lambda runtime passes them to {@code handleRequest}:
 * the same event, or the next of a supply when every request needs one of its own (one event per
 * line of the event file). Each iteration also times, over a connection of its own with the same
 * settings as the functions' ({@code prepareThreshold=0}), a bare {@code select 1} and the same
 * query in a transaction, so the database's share is measured under the same conditions.
 *
 * <p>Arguments: handler class, event file, function name, warm-up iterations, measured iterations,
 * and the text every response must contain (a request answered otherwise fails the run: it did not
 * take the measured path). Prints {@code RESULT <json>}. The handler's own log lines are serialised
 * as always but written to a discarding stream: they would otherwise interleave with the result.
 */
public final class InvokeLoop {

  private InvokeLoop() {}

  public static void main(String[] args) throws Exception {
    PrintStream results = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    byte[][] events = Files.readAllLines(Path.of(args[1])).stream()
        .filter(line -> !line.isBlank())
        .map(line -> line.getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new);
    BenchContext context = new BenchContext(args[2], "warm");
    int warmup = Integer.parseInt(args[3]);
    int iterations = Integer.parseInt(args[4]);
    String expect = args[5];
    if (events.length > 1 && events.length < 1 + warmup + iterations) {
      results.println("FAILED " + events.length + " events for " + (1 + warmup + iterations) + " requests");
      System.exit(1);
    }

    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    int next = 0;
    check(invoke(handler, events[next++ % events.length], context), expect, results);
    try (Connection db = connect()) {
      for (int i = 0; i < warmup; i++) {
        check(invoke(handler, events[next++ % events.length], context), expect, results);
        selectOne(db);
        selectOneInTransaction(db);
      }
      long[] handlerNanos = new long[iterations];
      long[] selectNanos = new long[iterations];
      long[] transactionNanos = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        byte[] event = events[next++ % events.length];
        long t0 = System.nanoTime();
        String response = invoke(handler, event, context);
        long t1 = System.nanoTime();
        check(response, expect, results);
        long t2 = System.nanoTime();
        selectOne(db);
        long t3 = System.nanoTime();
        selectOneInTransaction(db);
        long t4 = System.nanoTime();
        handlerNanos[i] = t1 - t0;
        selectNanos[i] = t3 - t2;
        transactionNanos[i] = t4 - t3;
      }
      results.println("RESULT {\"iterations\":" + iterations
          + ",\"handler\":" + percentiles(handlerNanos)
          + ",\"select_1\":" + percentiles(selectNanos)
          + ",\"select_1_in_transaction\":" + percentiles(transactionNanos) + "}");
    }
    System.exit(0);
  }

  /** Ends the run when a response is not the measured one. */
  private static void check(String response, String expect, PrintStream results) {
    if (!response.contains(expect)) {
      results.println("FAILED expected " + expect + " in " + response);
      System.exit(1);
    }
  }

  private static String invoke(RequestStreamHandler handler, byte[] event, BenchContext context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Connection connect() throws SQLException {
    Properties properties = new Properties();
    String user = System.getenv("DATABASE_USER");
    String password = System.getenv("DATABASE_PASSWORD");
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("prepareThreshold", "0");
    Connection c = new org.postgresql.Driver().connect(System.getenv("DATABASE_URL"), properties);
    if (c == null) {
      throw new SQLException("DATABASE_URL is not a PostgreSQL JDBC URL");
    }
    return c;
  }

  private static void selectOne(Connection db) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("select 1")) {
      r.next();
    }
  }

  /** What a function's unit of work does for one query: begin, the query, commit. */
  private static void selectOneInTransaction(Connection db) throws SQLException {
    db.setAutoCommit(false);
    try {
      selectOne(db);
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** Milliseconds at the usual percentiles, as a JSON object. */
  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return "{\"p50_ms\":" + ms(at(sorted, 0.50)) + ",\"p90_ms\":" + ms(at(sorted, 0.90)) + ",\"p99_ms\":" + ms(at(sorted, 0.99))
        + ",\"p999_ms\":" + ms(at(sorted, 0.999)) + ",\"mean_ms\":" + ms((long) (sum / sorted.length))
        + ",\"min_ms\":" + ms(sorted[0]) + ",\"max_ms\":" + ms(sorted[sorted.length - 1]) + "}";
  }

  private static long at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.4f", nanos / 1_000_000.0);
  }
}

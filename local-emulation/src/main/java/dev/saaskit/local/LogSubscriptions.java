package dev.saaskit.local;

import dev.saaskit.hosting.LogSubscriptionEvent;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.Log;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * CloudWatch Logs and its subscription filters: every module's log group has one, passing the
 * invocation records of its functions (not those of the {@code logs:} function itself) to that
 * function. The functions' log lines still go to the console; the invocation records among them
 * are kept and delivered every {@value #INTERVAL_SECONDS} s, or at once by {@link #flush()}, as the
 * {@code awslogs} event CloudWatch sends (gzip, base64), one per log group. A failed delivery is
 * tried again at the next two flushes, as Lambda retries an asynchronous invocation twice; after
 * that it is reported here, where AWS would keep it in the function's on-failure queue.
 */
final class LogSubscriptions implements AutoCloseable {

  static final int INTERVAL_SECONDS = 2;
  /** Lambda's asynchronous invocation: the first attempt and two retries. */
  static final int ATTEMPTS = 3;
  private static final int MAX_EVENTS_PER_BATCH = 1000;
  private static final String FILTER_NAME = "usage";

  private final FunctionSpec receiver;
  private final Catalog catalog;
  private final FunctionContainers containers;
  private final String stackName;
  private final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();
  private final List<Batch> retries = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final long idPrefix = new SecureRandom().nextLong(1_000_000_000_000L);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "log-subscriptions");
    t.setDaemon(true);
    return t;
  });

  private record Captured(String logGroup, String id, long timestamp, String message) {}

  private record Batch(String logGroup, int lines, byte[] event, int attempts) {}

  /** What one delivery came to: the log group, its lines, the function's result or its failure. */
  record Delivery(String logGroup, int lines, JsonNode result, String error) {}

  private LogSubscriptions(FunctionSpec receiver, Catalog catalog, FunctionContainers containers, String stackName) {
    this.receiver = receiver;
    this.catalog = catalog;
    this.containers = containers;
    this.stackName = stackName;
  }

  /** Subscriptions to the catalog's {@code logs:} function; none when it has none. */
  static Optional<LogSubscriptions> of(Catalog catalog, FunctionContainers containers, String stackName) {
    return catalog.functions().stream().filter(f -> f.trigger() instanceof Trigger.Logs).findFirst()
        .map(f -> new LogSubscriptions(f, catalog, containers, stackName));
  }

  /** Starts capturing the functions' log lines and delivering them. */
  void start() {
    Log.redirect(new Capture(System.out));
    timer.scheduleWithFixedDelay(this::flushQuietly, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  String receiver() {
    return receiver.name();
  }

  /** The log group of a module's functions, named as the deployment names it. */
  String logGroup(String module) {
    return "/aws/lambda/" + stackName + "/" + module;
  }

  /**
   * Delivers every invocation record written so far, and the batches waiting for a retry. When it
   * returns, every record a function wrote before the call has been delivered or has failed.
   */
  synchronized List<Delivery> flush() {
    List<Batch> batches = new ArrayList<>(retries);
    retries.clear();
    Map<String, List<Captured>> byGroup = new LinkedHashMap<>();
    for (Captured c; (c = captured.poll()) != null; ) {
      byGroup.computeIfAbsent(c.logGroup(), g -> new ArrayList<>()).add(c);
    }
    byGroup.forEach((group, lines) -> {
      for (int i = 0; i < lines.size(); i += MAX_EVENTS_PER_BATCH) {
        List<Captured> chunk = lines.subList(i, Math.min(lines.size(), i + MAX_EVENTS_PER_BATCH));
        batches.add(new Batch(group, chunk.size(), event(group, chunk), 0));
      }
    });
    List<Delivery> deliveries = new ArrayList<>();
    for (Batch batch : batches) {
      deliveries.add(deliver(batch));
    }
    return deliveries;
  }

  private Delivery deliver(Batch batch) {
    long start = System.nanoTime();
    try {
      JsonNode result = Json.MAPPER.readTree(containers.invoke(receiver, batch.event()));
      Console.line("logs " + batch.logGroup() + " -> " + receiver.name() + ": " + batch.lines() + " invocation record(s), "
          + result + " in " + Console.millis(start));
      return new Delivery(batch.logGroup(), batch.lines(), result, null);
    } catch (FunctionContainers.InvocationFailure | RuntimeException e) {
      int attempts = batch.attempts() + 1;
      if (attempts < ATTEMPTS) {
        retries.add(new Batch(batch.logGroup(), batch.lines(), batch.event(), attempts));
      }
      Console.line("logs " + batch.logGroup() + " -> " + receiver.name() + ": " + batch.lines() + " invocation record(s), FAILED in "
          + Console.millis(start) + " (" + e.getMessage() + "); " + (attempts < ATTEMPTS ? "tried again at the next delivery"
              : "given up after " + ATTEMPTS + " attempts: in AWS the batch is kept in " + receiver.name() + "'s on-failure queue"));
      return new Delivery(batch.logGroup(), batch.lines(), null, e.getMessage());
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      Console.line("logs: delivery failed: " + LocalPostgres.firstLine(e));
    }
  }

  /** The subscription filter: an invocation record of a catalog function other than the receiver. */
  private void capture(String line) {
    if (!line.startsWith("{") || !line.contains("\"invocation\"")) {
      return;
    }
    JsonNode record;
    try {
      record = Json.MAPPER.readTree(line);
    } catch (JacksonException e) {
      return;
    }
    String function = record.path("function").asString("");
    if (!"invocation".equals(record.path("event").asString("")) || function.equals(receiver.name())) {
      return;
    }
    catalog.named(function).ifPresent(f -> captured.add(new Captured(logGroup(f.module()), nextId(), System.currentTimeMillis(), line)));
  }

  /** 56 digits, as CloudWatch's event ids: unique however often the emulator restarts over the same database. */
  private String nextId() {
    return String.format(java.util.Locale.ROOT, "%020d%012d%024d", System.currentTimeMillis(), idPrefix, sequence.incrementAndGet());
  }

  private byte[] event(String logGroup, List<Captured> lines) {
    List<LogSubscriptionEvent.Line> events = lines.stream()
        .map(c -> new LogSubscriptionEvent.Line(c.id(), c.timestamp(), c.message())).toList();
    return Json.writeBytes(LogSubscriptionEvent.of("DATA_MESSAGE", LocalAws.ACCOUNT, logGroup, "local", FILTER_NAME, events));
  }

  /** The functions' log output: to the console as before, each line also seen by the filter. */
  private final class Capture extends PrintStream {
    Capture(PrintStream console) {
      super(console, true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(String line) {
      super.println(line);
      capture(line);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    Log.redirect(System.out);
    flushQuietly();
  }
}

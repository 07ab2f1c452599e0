package dev.saaskit.local;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires the catalog's scheduled functions at the times their expressions give, in UTC, with the
 * event EventBridge Scheduler delivers; {@link #fire} runs one at once.
 */
final class Schedules implements AutoCloseable {

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final FunctionContainers containers;
  private final String region;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "schedule-timer"));
  private final ExecutorService runs = Executors.newCachedThreadPool(r -> daemon(r, "schedule-run"));

  private record Entry(FunctionSpec function, ScheduleExpression expression) {}

  /** The output of a run: the function's result JSON. */
  record Run(String function, Instant scheduledTime, String output) {}

  Schedules(Catalog catalog, FunctionContainers containers, String region) {
    this.containers = containers;
    this.region = region;
    for (FunctionSpec f : catalog.functions()) {
      if (f.trigger() instanceof Trigger.Schedule s) {
        try {
          entries.put(f.name(), new Entry(f, ScheduleExpression.parse(s.expression())));
        } catch (IllegalArgumentException e) {
          throw new StartupException("schedule '" + f.name() + "' has expression " + s.expression() + ": " + e.getMessage()
              + ": fix it in functions/catalog.yaml");
        }
      }
    }
  }

  void start() {
    Instant now = Instant.now();
    entries.values().forEach(e -> planNext(e, now));
  }

  Map<String, String> expressions() {
    Map<String, String> out = new LinkedHashMap<>();
    entries.forEach((name, e) -> out.put(name, ((Trigger.Schedule) e.function().trigger()).expression()));
    return out;
  }

  boolean has(String name) {
    return entries.containsKey(name);
  }

  /** Runs a scheduled function now, as its schedule would. */
  Run fire(String name) throws FunctionContainers.InvocationFailure {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no schedule named '" + name + "'");
    }
    return run(entry, Instant.now(), "fired by request");
  }

  private void planNext(Entry entry, Instant after) {
    Optional<Instant> next = entry.expression().next(after);
    if (next.isEmpty()) {
      Console.line("schedule " + entry.function().name() + ": its expression fires no more; it runs only when fired by request");
      return;
    }
    long delay = Math.max(0, Duration.between(Instant.now(), next.get()).toMillis());
    timer.schedule(() -> {
      runs.submit(() -> {
        try {
          run(entry, next.get(), "on schedule");
        } catch (FunctionContainers.InvocationFailure e) {
          // Logged by run(); the next scheduled run starts afresh, as with EventBridge.
        }
      });
      planNext(entry, next.get());
    }, delay, TimeUnit.MILLISECONDS);
  }

  private Run run(Entry entry, Instant scheduledTime, String why) throws FunctionContainers.InvocationFailure {
    String name = entry.function().name();
    long start = System.nanoTime();
    byte[] event = ScheduledEvents.event(name, scheduledTime, region).toString().getBytes(StandardCharsets.UTF_8);
    try {
      String output = new String(containers.invoke(entry.function(), event), StandardCharsets.UTF_8);
      Console.line("schedule " + name + " (" + why + ") -> " + output + " in " + Console.millis(start));
      return new Run(name, scheduledTime, output);
    } catch (FunctionContainers.InvocationFailure e) {
      Console.line("schedule " + name + " (" + why + ") FAILED in " + Console.millis(start) + ": " + e.getMessage());
      throw e;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    runs.shutdownNow();
  }
}

package dev.saaskit.local;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The functions' containers. Each is the entry point every Lambda is deployed with ({@code
 * LambdaHandler}, in a {@link LocalContainer}) built for its function: a function's state (its
 * database connection, its handler) is its own, as in the cloud. A container serves one
 * invocation at a time; a function gets up to {@value #CONTAINERS_PER_FUNCTION} of them, created on
 * demand like Lambda scaling out. An invocation that outlives the catalog's timeout fails and its
 * container is discarded, as Lambda does.
 */
final class FunctionContainers implements AutoCloseable {

  static final int CONTAINERS_PER_FUNCTION = 4;

  private static final long COLD_START_ALLOWANCE_MILLIS = 30_000;

  private final Catalog catalog;
  private final String region;
  private final Map<String, Pool> pools = new ConcurrentHashMap<>();
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "function-" + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  FunctionContainers(Catalog catalog, String region) {
    this.catalog = catalog;
    this.region = region;
  }

  /** The function failed (threw, timed out or could not start); Lambda reports such an invocation as an error. */
  static final class InvocationFailure extends Exception {
    InvocationFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Invokes a function with event JSON, as Lambda does, and returns its output JSON. */
  byte[] invoke(FunctionSpec function, byte[] event) throws InvocationFailure {
    Pool pool = pools.computeIfAbsent(function.name(), name -> new Pool());
    long timeoutMillis = function.timeoutSeconds() * 1000L;
    try {
      if (!pool.permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new InvocationFailure(function.name() + ": all " + CONTAINERS_PER_FUNCTION + " containers stayed busy for the function's "
            + function.timeoutSeconds() + " s timeout", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvocationFailure(function.name() + ": interrupted", e);
    }
    LocalContainer container = pool.idle.pollFirst();
    AtomicBoolean abandoned = new AtomicBoolean();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Future<byte[]> result = runner.submit(() -> {
      LocalContainer started = container == null ? LocalContainer.start(catalog, function) : container;
      try {
        return started.invoke(event, deadline, region);
      } finally {
        if (!abandoned.get()) {
          pool.idle.offerFirst(started);
        }
      }
    });
    try {
      // A cold start is Lambda's init phase, which has its own limit beside the function's timeout.
      return result.get(timeoutMillis + (container == null ? COLD_START_ALLOWANCE_MILLIS : 0), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandoned.set(true);
      result.cancel(true);
      throw new InvocationFailure(function.name() + ": timed out after " + function.timeoutSeconds() + " s; its container is discarded", e);
    } catch (ExecutionException e) {
      throw new InvocationFailure(function.name() + ": " + LocalPostgres.firstLine(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      abandoned.set(true);
      Thread.currentThread().interrupt();
      throw new InvocationFailure(function.name() + ": interrupted", e);
    } finally {
      pool.permits.release();
    }
  }

  /** How many containers each function has warm, for the status page. */
  Map<String, Integer> warm() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    pools.forEach((name, pool) -> out.put(name, pool.idle.size()));
    return out;
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }

  private static final class Pool {
    final Semaphore permits = new Semaphore(CONTAINERS_PER_FUNCTION);
    final ConcurrentLinkedDeque<LocalContainer> idle = new ConcurrentLinkedDeque<>();
  }
}

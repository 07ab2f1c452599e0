package dev.saaskit.testkit;

import dev.saaskit.hosting.LocalContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Requests sent at the same time by several containers of one function, each with its own database
 * connection, as Lambda scales out: for invariants that must hold under concurrency.
 */
public final class Parallel {

  private Parallel() {}

  /**
   * Starts {@code containers} containers of {@code function} first, then lets them all send at once,
   * each {@code perContainer} requests one after another; returns every answer.
   */
  public static List<ApiResponse> send(String function, int containers, int perContainer, Supplier<Api.Request> request) {
    List<LocalContainer> started = IntStream.range(0, containers).mapToObj(i -> Lambda.coldStart(function)).toList();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<List<ApiResponse>>> running = new ArrayList<>();
    for (LocalContainer container : started) {
      running.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(start);
        List<ApiResponse> out = new ArrayList<>();
        for (int i = 0; i < perContainer; i++) {
          out.add(request.get().sendTo(container));
        }
        return out;
      }, command -> Thread.ofPlatform().start(command)));
    }
    start.countDown();
    return running.stream().flatMap(f -> f.join().stream()).toList();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.saaskit.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sustained load through the local emulator (issue 22): {@value #THREADS} clients repeat a mix of routes (health,
 * {@code /me}, listing keys, verifying a key, opening, changing and reading a support ticket: reads, writes, the
 * outbox and the queue pumps behind them) for the given seconds, while the emulator's resident memory is sampled every
 * {@value #SAMPLE_SECONDS} seconds and its live heap (what a full collection leaves, through {@code jcmd}) once a
 * minute: resident memory also grows while the JVM lays out a heap it has not touched yet, the live heap only when
 * something is kept. Any answer other than the one expected counts as an error. Writes its figures as
 * properties for {@link Report}. Plain JDK, run by {@code reliability/run --load} as a single-file program:
 * {@code java LoadRun.java <base URL> <emulator pid> <seconds> <figures file>}.
 */
public final class LoadRun {

  static final int THREADS = 4;
  static final int SAMPLE_SECONDS = 10;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final List<String> firstErrors = new ArrayList<>();
  private final AtomicLong slowestNanos = new AtomicLong();

  private LoadRun(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    long pid = Long.parseLong(args[1]);
    int seconds = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    new LoadRun(base).run(pid, seconds, out);
  }

  private void run(long pid, int seconds, Path out) throws Exception {
    String email = "load-" + UUID.randomUUID() + "@example.com";
    String password = "correct horse battery staple";
    expect("POST", "/api/v1/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + password
        + "\",\"full_name\":\"Load Run\",\"organization_name\":\"Load Run\"}", 201);
    String token = field(expect("POST", "/api/v1/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200),
        "access_token");
    String key = field(expect("POST", "/api/v1/keys", token, "{\"name\":\"load\",\"scopes\":[\"keys:read\"]}", 201), "key");

    List<Long> rssKb = new ArrayList<>();
    List<Long> liveHeapKb = new ArrayList<>();
    long started = System.nanoTime();
    long end = started + Duration.ofSeconds(seconds).toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      clients.add(Thread.ofPlatform().name("load-" + i).start(() -> loop(token, key, end)));
    }
    for (int sample = 0; System.nanoTime() < end; sample++) {
      rssKb.add(rssKb(pid));
      if (sample % (60 / SAMPLE_SECONDS) == 0) {
        liveHeapKb.add(liveHeapKb(pid));
      }
      Thread.sleep(Duration.ofSeconds(SAMPLE_SECONDS));
    }
    for (Thread t : clients) {
      t.join();
    }
    rssKb.add(rssKb(pid));
    liveHeapKb.add(liveHeapKb(pid));
    double elapsed = (System.nanoTime() - started) / 1e9;

    Map<String, Object> f = new TreeMap<>();
    f.put("seconds", String.format(Locale.ROOT, "%.0f", elapsed));
    f.put("clients", THREADS);
    f.put("requests", requests.sum());
    f.put("errors", errors.sum());
    f.put("requests_per_second", String.format(Locale.ROOT, "%.0f", requests.sum() / elapsed));
    f.put("slowest_ms", String.format(Locale.ROOT, "%.0f", slowestNanos.get() / 1e6));
    answers.forEach((k, v) -> f.put("answers_" + k, v.sum()));
    f.put("rss_mb_samples", String.join(" ", rssKb.stream().map(kb -> String.valueOf(kb / 1024)).toList()));
    int minute = Math.min(rssKb.size(), 60 / SAMPLE_SECONDS);
    f.put("rss_mb_first_minute_max", rssKb.subList(0, minute).stream().mapToLong(Long::longValue).max().orElse(0) / 1024);
    f.put("rss_mb_last_minute_max", rssKb.subList(rssKb.size() - minute, rssKb.size()).stream().mapToLong(Long::longValue).max().orElse(0) / 1024);
    f.put("rss_mb_max", rssKb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024);
    f.put("live_heap_mb_samples", String.join(" ", liveHeapKb.stream().map(kb -> String.valueOf(kb / 1024)).toList()));
    Files.createDirectories(out.getParent());
    StringBuilder text = new StringBuilder();
    f.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(out, text);
    System.out.print(text);
    synchronized (firstErrors) {
      firstErrors.forEach(System.out::println);
    }
    if (errors.sum() > 0) {
      System.exit(1);
    }
  }

  /** One client: the mix, over and over, until the end. */
  private void loop(String token, String key, long end) {
    String ticket = null;
    for (int round = 0; System.nanoTime() < end; round++) {
      call("GET", "/health", null, null, 200);
      call("GET", "/api/v1/me", token, null, 200);
      call("GET", "/api/v1/keys", token, null, 200);
      call("POST", "/api/v1/keys/verify", null, "{\"key\":\"" + key + "\"}", 200);
      if (ticket == null || round % 20 == 0) {
        String created = call("POST", "/api/v1/support/tickets", token,
            "{\"subject\":\"load " + round + "\",\"description\":\"a sustained run\",\"priority\":\"normal\"}", 201);
        ticket = created == null ? ticket : field(created, "id");
      }
      if (ticket != null) {
        call("PUT", "/api/v1/support/tickets/" + ticket, token, "{\"subject\":\"load round " + round + "\"}", 200);
        call("GET", "/api/v1/support/tickets/" + ticket, token, null, 200);
      }
    }
  }

  /** Sends a request, counts its answer, and returns its body when it is the one expected, else null (an error). */
  private String call(String method, String path, String token, String body, int expected) {
    String route = method + " " + path.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}", "/{id}");
    long started = System.nanoTime();
    requests.increment();
    try {
      HttpResponse<String> r = HTTP.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
      slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
      answers.computeIfAbsent(String.valueOf(r.statusCode()), s -> new LongAdder()).increment();
      if (r.statusCode() == expected) {
        return r.body();
      }
      error(route + " answered " + r.statusCode() + ": " + r.body());
    } catch (IOException e) {
      error(route + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(route + " interrupted");
    }
    return null;
  }

  private String expect(String method, String path, String token, String body, int status) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != status) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private HttpRequest request(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("content-type", "application/json");
    }
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    return b.build();
  }

  private void error(String what) {
    errors.increment();
    synchronized (firstErrors) {
      if (firstErrors.size() < 10) {
        firstErrors.add(what);
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no \"" + name + "\" in " + json);
    }
    return m.group(1);
  }

  /** The heap a full collection leaves: {@code jcmd GC.run}, then the "used" of {@code GC.heap_info}. */
  private static long liveHeapKb(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, String.valueOf(pid), "GC.run");
    Matcher used = Pattern.compile("heap [^\\n]*?used (\\d+)K").matcher(run(jcmd, String.valueOf(pid), "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap size from jcmd " + pid + " GC.heap_info");
    }
    return Long.parseLong(used.group(1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  private static long rssKb(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(Arrays.stream(l.split("\\s+")).filter(s -> s.matches("\\d+")).findFirst().orElse("0")))
        .findFirst().orElse(0L);
  }
}

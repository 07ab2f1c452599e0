package dev.saaskit.benchmarks;

import dev.saaskit.benchmarks.baseline.PlainHandler;
import dev.saaskit.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark run behind {@code benchmarks/run}: cold starts, warm latency, throughput and memory
 * of each case's function, each next to the plain-Java baseline doing the same work in the same
 * run, written as Markdown and JSON.
 *
 * <p>Options: {@code --quick} (a smoke test: one case, one run, three start-up options), {@code --runs N},
 * {@code --only cold,warm,throughput}, {@code --cases NAME,...} (only these of {@link Cases}), {@code --cold-options NAME,...} (cold starts with only these of
 * {@link JvmOptions#COLD_START}), {@code --before-root DIR} and {@code --before-revision REV} (also measure
 * the functions as built in DIR from revision REV, the side {@code before}; {@code benchmarks/run --before REV}
 * builds them), {@code --base-url URL} (throughput against a running server
 * only), {@code --no-stand-in} and {@code --no-emulator} (throughput without one function per JVM, or without the local
 * emulator), {@code --database-url
 * URL} (an existing PostgreSQL, migrated by the run, instead of the embedded one), {@code --publish} (also
 * update docs/benchmarks.md and docs/benchmarks.json), {@code --root DIR}, {@code --command TEXT}.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Path root = settings.root.toAbsolutePath().normalize();
    Path work = root.resolve("benchmarks/target/bench-work");
    Path logs = work.resolve("logs");
    deleteTree(work);
    Files.createDirectories(logs);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    FunctionJvm jvm = new FunctionJvm(java, launcherJar(root));

    Report report = new Report(settings.command, settings.quick, settings.runs, settings.beforeRevision);
    report.machine(Machine.describe(java));
    log("machine: " + report.machineLine());

    if (settings.databaseUrl != null) {
      System.setProperty("TEST_DATABASE_URL", settings.databaseUrl);
    }
    TestDatabase database = TestDatabase.get();
    Tokens tokens = new Tokens();
    Map<String, String> functionSettings = new LinkedHashMap<>(tokens.settings());
    functionSettings.put("DATABASE_URL", database.url());
    functionSettings.put("DATABASE_USER", System.getProperty("DATABASE_USER"));
    if (System.getProperty("DATABASE_PASSWORD") != null) {
      functionSettings.put("DATABASE_PASSWORD", System.getProperty("DATABASE_PASSWORD"));
    }

    Seed seed = Seed.create();
    List<Case> cases = Cases.all(tokens, seed);
    if (settings.cases != null) {
      cases = cases.stream().filter(c -> settings.cases.contains(c.name())).toList();
      if (cases.size() != settings.cases.size()) {
        throw new IllegalArgumentException("--cases names unknown cases; the cases are "
            + Cases.all(tokens, seed).stream().map(Case::name).toList());
      }
    } else if (settings.quick) {
      cases = cases.subList(0, 1);
    }
    for (Case c : cases) {
      for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
        if (!Files.isRegularFile(h.artifact())) {
          throw new IllegalStateException(h.artifact() + " is missing: build it first (benchmarks/run does)");
        }
      }
    }
    EventFiles events = new EventFiles(work.resolve("events"));

    if (settings.only.contains("cold")) {
      coldStarts(new ColdStart(jvm, logs), cases.stream().filter(Case::coldStart).toList(), events, root, functionSettings, work,
          settings, report);
    }
    if (settings.only.contains("warm")) {
      warmLatency(new WarmLatency(jvm, logs), cases, events, root, functionSettings, settings, report);
    }
    if (settings.only.contains("throughput")) {
      throughput(jvm, work, cases, root, functionSettings, settings, report);
    }
    report.loadAverageAtEnd(Machine.loadAverage());

    Path results = root.resolve("benchmarks/target/results");
    Files.createDirectories(results);
    Files.writeString(results.resolve("benchmarks.md"), report.markdown());
    Files.writeString(results.resolve("benchmarks.json"), report.json());
    log("wrote " + results.resolve("benchmarks.md") + " and benchmarks.json");
    if (settings.publish) {
      report.publish(root.resolve("docs/benchmarks.md"), root.resolve("docs/benchmarks.json"));
      log("updated docs/benchmarks.md and docs/benchmarks.json");
    }
    System.out.println();
    System.out.println(report.markdown());
    System.exit(0);
  }

  private static void coldStarts(ColdStart coldStart, List<Case> cases, EventFiles events, Path root,
      Map<String, String> functionSettings, Path work, Settings settings, Report report) throws Exception {
    List<JvmOptions> coldStartOptions = settings.quick ? JvmOptions.COLD_START_QUICK : JvmOptions.COLD_START;
    if (settings.coldOptions != null) {
      coldStartOptions = JvmOptions.COLD_START.stream().filter(o -> settings.coldOptions.contains(o.name())).toList();
      if (coldStartOptions.size() != settings.coldOptions.size()) {
        throw new IllegalArgumentException("--cold-options names unknown options; they are "
            + JvmOptions.COLD_START.stream().map(JvmOptions::name).toList());
      }
    }
    // One untimed start of each handler first: it checks the answer and warms the page cache.
    for (Case c : cases) {
      for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
        coldStart.run(h, JvmOptions.DEPLOYMENT, events.of(c, 1), c.expect(), "check-" + c.name() + "-" + h.side());
      }
    }
    Map<String, Path> caches = new LinkedHashMap<>();
    for (JvmOptions options : coldStartOptions) {
      if (options.cache() == JvmOptions.Cache.NONE) {
        continue;
      }
      for (Case c : cases) {
        for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
          String key = options.name() + "-" + c.name() + "-" + h.side();
          Path cache = work.resolve(key + options.cacheSuffix());
          log("training " + key);
          coldStart.train(h, options, cache, events.of(c, 1), c.expect(), "train-" + key);
          caches.put(key, cache);
        }
      }
    }
    Map<String, List<ColdStart.Run>> runs = new LinkedHashMap<>();
    for (int round = 1; round <= settings.runs; round++) {
      for (Case c : cases) {
        for (JvmOptions options : coldStartOptions) {
          for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
            String key = options.name() + "-" + c.name() + "-" + h.side();
            ColdStart.Run run = coldStart.run(h, options.runFlags(caches.get(key)), events.of(c, 1), c.expect(), "cold-" + key);
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
            log(String.format("cold start %d/%d %-40s cpu %.2f s  wall %.0f ms  rss %.0f MB",
                round, settings.runs, key, run.cpuS(), run.wallMs(), run.peakRssMb()));
          }
        }
      }
    }
    for (Case c : cases) {
      for (JvmOptions options : coldStartOptions) {
        for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
          report.coldStart(c.name(), options, h.side(), runs.get(options.name() + "-" + c.name() + "-" + h.side()));
        }
      }
    }
  }

  private static void warmLatency(WarmLatency warm, List<Case> cases, EventFiles events, Path root,
      Map<String, String> functionSettings, Settings settings, Report report) throws Exception {
    List<JvmOptions> optionSets = settings.quick ? List.of(JvmOptions.DEPLOYMENT_ONLY) : JvmOptions.WARM;
    for (Case c : cases) {
      int warmup = Math.min(settings.warmup, c.maxWarmup());
      int iterations = Math.min(settings.iterations, c.maxIterations());
      for (JvmOptions options : optionSets) {
        for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
          String label = "warm-" + options.name() + "-" + c.name() + "-" + h.side();
          log(label);
          JsonNode result = warm.run(h, options.flags(), events.of(c, 1 + warmup + iterations), warmup, iterations, c.expect(), label);
          report.warm(c.name(), options.name(), h.side(), result,
              c.baseline() == PlainHandler.Work.QUERY && "select 1".equals(c.baselineSql()) && !c.headers().containsKey("authorization"));
        }
      }
      for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
        double roundTrips = warm.roundTripsPerRequest(
            h, JvmOptions.DEPLOYMENT, c, events, functionSettings.get("DATABASE_URL"), "round-trips-" + c.name() + "-" + h.side());
        report.roundTrips(c.name(), h.side(), roundTrips, c.keyAuthenticated());
        log(String.format("round trips per request %s %s: %.2f", c.name(), h.side(), roundTrips));
      }
    }
    // What a sign-in spends on the password: bcrypt alone, with the artifact's own BCrypt class.
    Handler bcryptArtifact = Handler.ours(cases.stream().filter(c -> c.baseline() == PlainHandler.Work.LOGIN).findFirst()
        .orElse(cases.get(0)), root, functionSettings);
    for (JvmOptions options : optionSets) {
      log("bcrypt-" + options.name());
      report.bcrypt(options.name(), warm.bcrypt(bcryptArtifact, options.flags(), Seed.BCRYPT_COST,
          settings.quick ? 2 : 10, settings.quick ? 5 : 50, "bcrypt-" + options.name()));
    }
  }

  private static void throughput(FunctionJvm jvm, Path work, List<Case> cases, Path root,
      Map<String, String> functionSettings, Settings settings, Report report) throws Exception {
    Throughput.Load load = settings.quick ? new Throughput.Load(1, 4, 1, 3, 1) : new Throughput.Load(1, 4, 3, 10, 1);
    if (!Throughput.wrkInstalled()) {
      report.throughputSkipped("wrk is not installed (apt-get install wrk)");
      log("throughput skipped: wrk is not installed");
      return;
    }
    Throughput throughput = new Throughput(jvm, work, load);
    report.throughputLoad(load, settings.baseUrl);
    if (settings.baseUrl != null) {
      for (Case c : cases) {
        log("throughput " + c.name() + " against " + settings.baseUrl);
        report.throughput(throughput.against(settings.baseUrl, c));
      }
      return;
    }
    if (settings.standIn) {
      for (Case c : cases) {
        for (Handler h : handlers(c, root, functionSettings, settings.beforeRoot)) {
          String label = "stand-in-" + c.name() + "-" + h.side();
          log("throughput " + label);
          report.throughput(throughput.standIn(c, h, JvmOptions.DEPLOYMENT, label));
        }
      }
    }
    if (settings.emulator) {
      log("starting the local emulator");
      try (EmulatorServer emulator = EmulatorServer.start(root, jvm.java(), work.resolve("emulator"), functionSettings,
          work.resolve("logs").resolve("emulator.log"))) {
        for (Case c : cases) {
          log("throughput " + c.name() + " against the local emulator");
          report.throughput(throughput.emulator(emulator, c));
        }
      }
    }
  }

  private static List<Handler> handlers(Case c, Path root, Map<String, String> functionSettings, Path beforeRoot) {
    List<Handler> handlers = new ArrayList<>(List.of(Handler.ours(c, root, functionSettings)));
    if (beforeRoot != null) {
      handlers.add(Handler.before(c, beforeRoot.toAbsolutePath(), functionSettings));
    }
    handlers.add(Handler.baseline(c, root, functionSettings));
    return handlers;
  }

  private static Path launcherJar(Path root) throws IOException {
    try (var files = Files.list(root.resolve("benchmarks/target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-launcher.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("benchmarks/target/*-launcher.jar is missing: build the benchmarks module"));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void log(String message) {
    System.err.println(DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now(ZoneOffset.UTC)) + " " + message);
  }

  /** The command line. */
  static final class Settings {
    boolean quick;
    boolean publish;
    boolean standIn = true;
    boolean emulator = true;
    int runs = 5;
    int warmup = 5_000;
    int iterations = 10_000;
    String baseUrl;
    String databaseUrl;
    Path root = Path.of(".");
    String command = "benchmarks/run";
    Set<String> only = Set.of("cold", "warm", "throughput");
    List<String> cases;
    List<String> coldOptions;
    Path beforeRoot;
    String beforeRevision;

    static Settings parse(String[] args) {
      Settings s = new Settings();
      boolean runsGiven = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> s.quick = true;
          case "--publish" -> s.publish = true;
          case "--no-stand-in" -> s.standIn = false;
          case "--no-emulator" -> s.emulator = false;
          case "--runs" -> {
            s.runs = Integer.parseInt(value(args, ++i));
            runsGiven = true;
          }
          case "--base-url" -> s.baseUrl = value(args, ++i);
          case "--database-url" -> s.databaseUrl = value(args, ++i);
          case "--root" -> s.root = Path.of(value(args, ++i));
          case "--command" -> s.command = value(args, ++i);
          case "--only" -> s.only = Set.of(value(args, ++i).split(","));
          case "--cases" -> s.cases = List.of(value(args, ++i).split(","));
          case "--cold-options" -> s.coldOptions = List.of(value(args, ++i).split(","));
          case "--before-root" -> s.beforeRoot = Path.of(value(args, ++i));
          case "--before-revision" -> s.beforeRevision = value(args, ++i);
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; options: --quick --runs N --only cold,warm,throughput --cases NAME,... --cold-options NAME,... --base-url URL"
              + " --no-stand-in --no-emulator"
              + " --database-url URL --publish");
        }
      }
      if (s.quick) {
        if (!runsGiven) {
          s.runs = 1;
        }
        s.warmup = 500;
        s.iterations = 1_000;
      }
      if (s.runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
      return s;
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }
}

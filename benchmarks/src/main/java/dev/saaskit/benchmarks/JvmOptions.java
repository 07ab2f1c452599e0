package dev.saaskit.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of JVM start-up options to measure. Options with a cache need a training run first, with
 * the same class path and flags, that writes the cache the measured runs then read.
 */
record JvmOptions(String name, List<String> flags, Cache cache, String description) {

  enum Cache { NONE, APP_CDS, AOT }

  /**
   * A 256 MB function: the JVM sees 256 MB of memory (as inside Lambda's micro-VM, which sizes the
   * initial heap from it) and gets the maximum heap the Lambda Java runtime passes, 85% of the
   * function's memory.
   */
  static final List<String> LAMBDA_256_MB = List.of("-XX:MaxRAM=256m", "-XX:MaxHeapSize=222822k");

  /**
   * The JVM options the deployment gives every function ({@code JAVA_TOOL_OPTIONS} in template.yaml
   * and infra-terraform, from {@code SamTemplate}): C1 only, serial GC, and JFR off. JFR off because
   * a library that registers a JFR event class pays for it at start whenever JFR is available: JDBI
   * did at its first statement while it was the functions' data access, about 0.17 s of CPU.
   */
  static final List<String> DEPLOYMENT_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-FlightRecorder");

  /** The deployment's flags in a 256 MB function. */
  static final List<String> DEPLOYMENT = concat(DEPLOYMENT_FLAGS, LAMBDA_256_MB);

  static final JvmOptions JVM_DEFAULTS =
      new JvmOptions("jvm-defaults", List.of(), Cache.NONE, "no flags: this machine's ergonomics (G1, C1+C2, JFR available, heap from the machine's memory)");
  static final JvmOptions DEPLOYMENT_ONLY =
      new JvmOptions("deployment", DEPLOYMENT, Cache.NONE, String.join(" ", DEPLOYMENT) + " (the deployment's JAVA_TOOL_OPTIONS, a 256 MB function)");
  static final JvmOptions DEPLOYMENT_APP_CDS =
      new JvmOptions("deployment+appcds", DEPLOYMENT, Cache.APP_CDS, "deployment + dynamic AppCDS archive (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile), as on JDK 21");
  static final JvmOptions DEPLOYMENT_AOT =
      new JvmOptions("deployment+aot", DEPLOYMENT, Cache.AOT, "deployment + JDK 25 AOT cache (-XX:AOTCacheOutput training run, then -XX:AOTCache)");

  /**
   * The deployment's flags but C2 as well as C1: steady-state code runs faster (RS256 above all:
   * BigInteger's intrinsics are C2's), at the price of compiling more.
   */
  static final List<String> TIERED = concat(List.of("-XX:+UseSerialGC", "-XX:-FlightRecorder"), LAMBDA_256_MB);

  static final JvmOptions TIERED_ONLY = new JvmOptions("tiered", TIERED, Cache.NONE,
      "-XX:+UseSerialGC -XX:-FlightRecorder, a 256 MB function, C1 and C2 (no -XX:TieredStopAtLevel=1)");
  static final JvmOptions TIERED_AOT = new JvmOptions("tiered+aot", TIERED, Cache.AOT, "tiered with the AOT cache");

  static final List<JvmOptions> COLD_START = List.of(JVM_DEFAULTS, DEPLOYMENT_ONLY, DEPLOYMENT_APP_CDS, DEPLOYMENT_AOT, TIERED_AOT);

  /** A smoke run's start-up options: each kind of cache once. */
  static final List<JvmOptions> COLD_START_QUICK = List.of(DEPLOYMENT_ONLY, DEPLOYMENT_APP_CDS, DEPLOYMENT_AOT);

  /** Warm latency with the deployment's compiler (C1 only) and with C2. */
  static final List<JvmOptions> WARM = List.of(DEPLOYMENT_ONLY, TIERED_ONLY);

  /** Flags of the training run that writes {@code cacheFile}. */
  List<String> trainingFlags(Path cacheFile) {
    return switch (cache) {
      case NONE -> throw new IllegalStateException(name + " has no cache to train");
      case APP_CDS -> concat(flags, List.of("-XX:ArchiveClassesAtExit=" + cacheFile));
      case AOT -> concat(flags, List.of("-XX:AOTCacheOutput=" + cacheFile));
    };
  }

  /** Flags of a measured run; {@code cacheFile} is ignored when there is no cache. */
  List<String> runFlags(Path cacheFile) {
    return switch (cache) {
      case NONE -> flags;
      case APP_CDS -> concat(flags, List.of("-XX:SharedArchiveFile=" + cacheFile));
      case AOT -> concat(flags, List.of("-XX:AOTCache=" + cacheFile));
    };
  }

  String cacheSuffix() {
    return switch (cache) {
      case NONE -> "";
      case APP_CDS -> ".jsa";
      case AOT -> ".aot";
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}

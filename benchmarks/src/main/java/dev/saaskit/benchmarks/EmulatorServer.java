package dev.saaskit.benchmarks;

import dev.saaskit.testkit.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local emulator ({@code ./run-local}'s main class and class path) in a process of its own,
 * over the run's database and signing key, so the cases' tokens and API key are valid there: every
 * function of the catalog behind its API gateway, with embedded SQS, S3 and SMTP on free ports.
 */
final class EmulatorServer implements AutoCloseable {

  private static final Pattern API_LINE = Pattern.compile("API\\s+http://localhost:(\\d+)");

  private final Process process;
  private final String baseUrl;

  private EmulatorServer(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts the emulator from the built module; its output goes to {@code log}. */
  static EmulatorServer start(Path root, Path java, Path dataDirectory, Map<String, String> functionSettings, Path log)
      throws IOException {
    Path module = root.resolve("local-emulation/target");
    Path classpathFile = module.resolve("run-local.classpath");
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(classpathFile + " is missing: build local-emulation first (benchmarks/run does)");
    }
    Files.createDirectories(dataDirectory);
    // The emulator signs with the key file in its data directory: the run's test key, which the cases' tokens use.
    Files.writeString(dataDirectory.resolve("jwks.json"), functionSettings.get("JWT_SIGNING_KEYS"));
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "--sun-misc-unsafe-memory-access=allow",
        "-cp", module.resolve("classes") + ":" + Files.readString(classpathFile).trim(), "dev.saaskit.local.LocalEmulator"));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS") || k.startsWith("AWS_"));
    env.put("PORT", "0");
    env.put("LOCAL_SQS_PORT", "0");
    env.put("LOCAL_S3_PORT", "0");
    env.put("LOCAL_SMTP_PORT", "0");
    env.put("LOCAL_DATA_DIR", dataDirectory.toString());
    env.put("DATABASE_URL", functionSettings.get("DATABASE_URL"));
    putIfPresent(env, "DATABASE_USER", functionSettings.get("DATABASE_USER"));
    putIfPresent(env, "DATABASE_PASSWORD", functionSettings.get("DATABASE_PASSWORD"));
    env.put("JWT_ISSUER", TestTokens.ISSUER);
    env.put("JWT_AUDIENCE", TestTokens.AUDIENCE);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    try {
      return new EmulatorServer(process, "http://127.0.0.1:" + ListeningPort.await(process.getInputStream(), log, API_LINE, 180,
          "the local emulator"));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void putIfPresent(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }
}

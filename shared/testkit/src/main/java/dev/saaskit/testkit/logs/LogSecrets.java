package dev.saaskit.testkit.logs;

import dev.saaskit.shared.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every log line of a test JVM, read for secrets: what functions write through {@link Log} (stdout),
 * whatever else reaches {@code System.out} and {@code System.err} (the emulator's console, the
 * libraries' java.util.logging output), and what {@code InvocationLog} captures aside. A line holding
 * a password, token, API key, Stripe key, JWT, private key or a secret the tests handed out or were
 * handed is a finding; {@link LogSecretsExtension} fails the test during which it was written.
 *
 * <p>Two kinds of rules: patterns (secrets recognisable by their shape: {@code vk_live_}, {@code sk_test_},
 * {@code whsec_}, JWTs, bearer credentials, {@code password=...}-style pairs, private JWK members, PEM keys),
 * and watched values: secrets seen in the tests' own requests and responses (passwords sent, refresh and
 * reset tokens received) that have no recognisable shape, which {@link #watch(String)} registers.
 */
public final class LogSecrets {

  /** A secret found in a line: which rule, and the line with the secret masked. */
  public record Finding(String rule, String line) {
    @Override
    public String toString() {
      return rule + ": " + line;
    }
  }

  private record Rule(String name, Pattern pattern) {}

  private static final String TOKEN_CHARS = "A-Za-z0-9_\\-";
  /** A quote, as written or escaped inside a JSON string (a line that logs a JSON document). */
  private static final String Q = "(?:\\\\?[\"'])";

  /** Names of fields and parameters whose value is a secret, as JSON members ({@code "password": "..."}) or pairs ({@code token=...}). */
  private static final String SECRET_NAMES = "(?:[a-z_]*password|passwd|pwd|secret|client_secret|webhook_secret|signing_secret|api_key|apikey"
      + "|access_token|refresh_token|id_token|reset_token|token|authorization|private_key|signing_key)";

  private static final List<Rule> RULES = List.of(
      new Rule("API key (vk_live_/vk_test_)", Pattern.compile("\\bvk_(?:live|test)_[" + TOKEN_CHARS + "]{8,}")),
      new Rule("Stripe secret or restricted key", Pattern.compile("\\b[sr]k_(?:live|test)_[A-Za-z0-9]{8,}")),
      new Rule("Stripe webhook signing secret (whsec_)", Pattern.compile("\\bwhsec_[A-Za-z0-9+/=]{8,}")),
      new Rule("JWT", Pattern.compile("\\beyJ[" + TOKEN_CHARS + "]{8,}\\.eyJ[" + TOKEN_CHARS + "]{8,}\\.[" + TOKEN_CHARS + "]*")),
      new Rule("bearer credential", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/\\-]{16,}=*")),
      new Rule("private key (PEM)", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
      new Rule("private JWK member", Pattern.compile(Q + "(?:d|p|q|dp|dq|qi)" + Q + "\\s*:\\s*" + Q + "[" + TOKEN_CHARS + "]{20,}")),
      new Rule("secret-named value", Pattern.compile("(?i)(?:" + Q + SECRET_NAMES + Q + "\\s*:\\s*" + Q + "|\\b" + SECRET_NAMES + "=)"
          + "(?!null\\b|\\[redacted]|\\*|<redacted>|redacted\\b|[\\\\\"',&}\\s])[^\\\\\"'\\s,&}]{4,}")));

  /** Watched values shorter than this are not watched: they would match ordinary words. */
  private static final int MIN_WATCHED = 10;
  private static final int MAX_WATCHED_PHRASES = 2000;
  private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9._~+/=\\-]{" + MIN_WATCHED + ",}");

  private static final Set<String> WATCHED_TOKENS = ConcurrentHashMap.newKeySet();
  private static final Set<String> WATCHED_PHRASES = ConcurrentHashMap.newKeySet();
  private static final List<Finding> PENDING = new ArrayList<>();
  private static final AtomicLong LINES = new AtomicLong();
  private static final AtomicLong FINDINGS = new AtomicLong();
  private static volatile boolean installed;
  private static PrintStream originalErr;

  private LogSecrets() {}

  /**
   * Tees {@code System.out}, {@code System.err} and the functions' {@link Log} through the scanner, and
   * adds a java.util.logging handler that reads every record that passes its logger's level. Idempotent.
   */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    originalErr = System.err;
    PrintStream out = new PrintStream(new ScanningStream(System.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ScanningStream(System.err), true, StandardCharsets.UTF_8);
    System.setOut(out);
    System.setErr(err);
    Log.redirect(out);
    Logger root = Logger.getLogger("");
    root.addHandler(new ScanningHandler());
    ROOT_HOLDER[0] = root;
    installed = true;
  }

  /** Held so java.util.logging keeps the root logger with our handler: loggers are only weakly referenced. */
  private static final Logger[] ROOT_HOLDER = new Logger[1];

  public static boolean installed() {
    return installed;
  }

  /** Reads text that was logged but kept aside (an invocation record a test captured), line by line. */
  public static void scan(String text) {
    text.lines().forEach(LogSecrets::scanLine);
  }

  /** Reads one line; a finding is kept until {@link #takeFindings()}. */
  public static void scanLine(String line) {
    LINES.incrementAndGet();
    List<Finding> found = find(line);
    if (!found.isEmpty()) {
      synchronized (PENDING) {
        PENDING.addAll(found);
      }
      FINDINGS.addAndGet(found.size());
    }
  }

  /**
   * Lines that show a secret on purpose, each with its one rule and the reason. The local emulator's start-up summary
   * prints the webhook secret its Stripe stand-in generated (a throwaway secret of the developer's machine, shown so
   * another receiver can verify the stand-in's webhooks); nothing deployed prints one.
   */
  private static final List<String[]> SHOWN_ON_PURPOSE = List.<String[]>of(
      new String[] {"Stripe webhook signing secret (whsec_)", "(the stand-in: no Stripe account; webhook secret whsec_"});

  private static boolean shownOnPurpose(Rule rule, String line) {
    for (String[] exemption : SHOWN_ON_PURPOSE) {
      if (exemption[0].equals(rule.name()) && line.contains(exemption[1])) {
        return true;
      }
    }
    return false;
  }

  /** The secrets in one line, without recording them. */
  public static List<Finding> find(String line) {
    List<Finding> found = new ArrayList<>();
    for (Rule rule : RULES) {
      if (shownOnPurpose(rule, line)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(line);
      if (m.find()) {
        found.add(new Finding(rule.name(), mask(line, m.start(), m.end())));
      }
    }
    if (!WATCHED_TOKENS.isEmpty()) {
      Matcher m = WORDS.matcher(line);
      while (m.find()) {
        if (WATCHED_TOKENS.contains(m.group())) {
          found.add(new Finding("a secret the tests sent or received", mask(line, m.start(), m.end())));
          break;
        }
      }
    }
    for (String phrase : WATCHED_PHRASES) {
      int at = line.indexOf(phrase);
      if (at >= 0) {
        found.add(new Finding("a password the tests sent", mask(line, at, at + phrase.length())));
        break;
      }
    }
    return found;
  }

  /**
   * Watches for a secret value that has no recognisable shape (a refresh token, a password): any later
   * line holding it is a finding. Values shorter than {@value #MIN_WATCHED} characters are ignored.
   */
  public static void watch(String secret) {
    if (secret == null || secret.length() < MIN_WATCHED || secret.length() > 4096) {
      return;
    }
    if (WORDS.matcher(secret).matches()) {
      WATCHED_TOKENS.add(secret);
    } else if (WATCHED_PHRASES.size() < MAX_WATCHED_PHRASES) {
      WATCHED_PHRASES.add(secret);
    }
  }

  private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(password|token|secret)");

  /**
   * Watches the values of the secret-named fields ({@code *password}, {@code *token}, {@code *secret}) of a
   * JSON document the tests sent or received: passwords in requests, tokens in responses. Not JSON: ignored.
   */
  public static void watchJson(String json) {
    if (json == null || json.isEmpty() || json.charAt(0) != '{' && json.charAt(0) != '[') {
      return;
    }
    try {
      watchFields(dev.saaskit.shared.json.Json.tree(json));
    } catch (RuntimeException notJson) {
      // A body the test sent on purpose malformed holds nothing to watch.
    }
  }

  private static void watchFields(tools.jackson.databind.JsonNode node) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getValue().isString() && SECRET_FIELD.matcher(e.getKey()).matches()) {
          watch(e.getValue().asString());
        } else {
          watchFields(e.getValue());
        }
      });
    } else if (node.isArray()) {
      node.forEach(LogSecrets::watchFields);
    }
  }

  /** Removes and returns what was found since the last call. */
  public static List<Finding> takeFindings() {
    synchronized (PENDING) {
      List<Finding> found = List.copyOf(PENDING);
      PENDING.clear();
      return found;
    }
  }

  /**
   * Counts what was found since {@code findingsBefore} ({@link #findingsSoFar()} then) as leaks a self-test planted on
   * purpose, apart from real findings in the JVM's figures, and drops any it did not take back itself.
   */
  public static void countAsPlanted(long findingsBefore) {
    takeFindings();
    long planted = FINDINGS.get() - findingsBefore;
    FINDINGS.addAndGet(-planted);
    PLANTED.addAndGet(planted);
  }

  private static final AtomicLong PLANTED = new AtomicLong();

  public static long linesScanned() {
    return LINES.get();
  }

  public static long findingsSoFar() {
    return FINDINGS.get();
  }

  /**
   * Writes what this JVM scanned to {@code target/log-secrets/<pid>.properties} of the module under test,
   * where {@code reliability/run} adds it up for docs/reliability.md; warns on the JVM's real standard
   * error about findings no test was there to fail on (written after the last test).
   */
  static void writeSummary() {
    List<Finding> left = takeFindings();
    PrintStream err = originalErr != null ? originalErr : new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    if (!left.isEmpty()) {
      err.println("SECRETS IN LOGS after the last test: " + left);
    }
    String basedir = System.getProperty("basedir");
    if (basedir == null) {
      return;
    }
    Path file = Path.of(basedir, "target", "log-secrets", ProcessHandle.current().pid() + ".properties");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.format(Locale.ROOT, "lines=%d%nfindings=%d%nplanted=%d%nwatched=%d%n",
          LINES.get(), FINDINGS.get(), PLANTED.get(), WATCHED_TOKENS.size() + WATCHED_PHRASES.size()));
    } catch (IOException e) {
      err.println("log-secrets: could not write " + file + ": " + e);
    }
  }

  private static String mask(String line, int start, int end) {
    int keep = Math.min(end - start, 12);
    String shown = line.substring(0, start + keep) + "***" + line.substring(end);
    return shown.length() > 400 ? shown.substring(0, 400) + "..." : shown;
  }

  /** Passes bytes on unchanged and scans each complete line. */
  private static final class ScanningStream extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    ScanningStream(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      target.write(b);
      take(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      target.write(b, off, len);
      for (int i = off; i < off + len; i++) {
        take(b[i]);
      }
    }

    private void take(int b) {
      if (b == '\n') {
        scanLine(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else if (line.size() < 1_000_000) {
        line.write(b);
      }
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }
  }

  /** Reads java.util.logging records as the console handler would print them. */
  private static final class ScanningHandler extends Handler {
    private final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      if (record != null && isLoggable(record)) {
        scan(format.format(record));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

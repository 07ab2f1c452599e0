package dev.saaskit.local;

import com.sun.net.httpserver.HttpServer;
import dev.saaskit.migrations.Migrator;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.config.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole platform on one machine: every function of the catalog in its own container behind an
 * API Gateway-like HTTP server, a pump per queue consumer, a timer per schedule, over PostgreSQL,
 * SQS, S3 and SMTP that are embedded or external. It grows with the catalog: a new route, consumer
 * or schedule needs nothing here, a new domain module one dependency line in this module's pom.
 *
 * <p>The hosted functions read their settings from JVM system properties, so one emulator runs per
 * JVM at a time.
 */
public final class LocalEmulator implements AutoCloseable {

  /** Stands for the deployment's stack name in the log groups' names: /aws/lambda/local/<module>. */
  static final String LOG_GROUP_STACK = "local";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final FunctionEnvironment environment = new FunctionEnvironment();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final EmulatorSettings settings;
  private Catalog catalog;
  private LocalPostgres database;
  private LocalAws aws;
  private LocalMail mail;
  private SigningKeys keys;
  /** Null when the catalog has no billing functions. */
  private LocalStripe stripe;
  /** Null when the catalog has no seed-super-admin function. */
  private AdminSeed.Result admin;
  private Migrator.Result migrations;
  private FunctionContainers containers;
  private Schedules schedules;
  /** Null when the catalog has no logs: function. */
  private LogSubscriptions logs;
  private ApiGateway gateway;
  private long startedNanos;
  private double startSeconds;

  private LocalEmulator(EmulatorSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    Logger.getLogger("").setLevel(Level.WARNING);
    for (var handler : Logger.getLogger("").getHandlers()) {
      handler.setLevel(Level.WARNING);
    }
    LocalEmulator emulator;
    try {
      emulator = start(EmulatorSettings.from(Settings::find));
    } catch (StartupException e) {
      System.err.println("local-emulation: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException | Error e) {
      System.err.println("local-emulation: could not start: " + LocalPostgres.firstLine(e) + " (" + e.getClass().getName() + ")");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "local-emulation-stop"));
    System.out.println(emulator.summary());
    emulator.awaitStop();
  }

  /** Starts every part, or stops what it started and throws a {@link StartupException} naming the problem and its fix. */
  public static LocalEmulator start(EmulatorSettings settings) {
    LocalEmulator emulator = new LocalEmulator(settings);
    try {
      emulator.startParts();
      return emulator;
    } catch (RuntimeException | Error e) {
      emulator.close();
      throw e;
    }
  }

  private void startParts() {
    startedNanos = System.nanoTime();
    // Cheap checks first: a wrong catalog or a taken port fails before anything slow starts.
    try {
      catalog = Catalog.bundled();
    } catch (CatalogException e) {
      String resource = Settings.get(Catalog.RESOURCE_SETTING, Catalog.RESOURCE);
      throw new StartupException(e.getMessage().replace("\n  - ", " - ").replaceAll("\\s+", " ")
          + ": fix " + (resource.equals(Catalog.RESOURCE) ? "functions/catalog.yaml" : resource));
    }
    ModuleCheck.verify(catalog);
    containers = keep(new FunctionContainers(catalog, settings.region()));
    schedules = new Schedules(catalog, containers, settings.region());
    HttpServer http = ApiGateway.bind(settings.port());
    AutoCloseable unbind = () -> http.stop(0);
    started.add(unbind);

    // External services are probed before embedded ones start, so a bad URL fails in seconds.
    if (settings.externalAws()) {
      setAwsCredentials(false);
      aws = keep(LocalAws.external(settings));
    }
    if (settings.databaseUrl().isPresent()) {
      database = keep(LocalPostgres.external(settings.databaseUrl().get(), settings.databaseUser().orElse(null),
          settings.databasePassword().orElse(null)));
    }
    if (aws == null) {
      setAwsCredentials(true);
    }
    startEmbedded();
    mail = keep(LocalMail.start(settings.smtpPort()));
    migrations = database.migrate(settings.migrationDatabaseUrl().orElse(null));
    keys = SigningKeys.loadOrCreate(settings.dataDirectory().resolve("jwks.json"));
    aws.createQueues(catalog);
    aws.createBucket(settings.bucket(), settings.region());
    setFunctionEnvironment(http.getAddress().getPort());
    if (catalog.modules().containsKey("billing")) {
      stripe = keep(LocalStripe.start(settings.stripeApiKey(), settings.stripeWebhookSecret(), settings.stripePort(),
          http.getAddress().getPort()));
      stripe.configure(environment);
    }
    logs = LogSubscriptions.of(catalog, containers, LOG_GROUP_STACK).orElse(null);
    if (logs != null) {
      keep(logs).start();
    }
    admin = AdminSeed.ensure(catalog, containers, settings.seedAdminEmail(), settings.seedAdminPassword()).orElse(null);
    QueuePumps pumps = keep(new QueuePumps(aws, containers, settings.region()));
    pumps.start(catalog);
    keep(schedules).start();
    String base = "http://localhost:" + http.getAddress().getPort();
    LocalConveniences conveniences = new LocalConveniences(mail, aws, schedules, logs,
        () -> OpenApiDocument.of(catalog, base).toPrettyString(), this::status);
    gateway = ApiGateway.start(http, catalog, containers, conveniences);
    started.remove(unbind);
    keep(gateway);
    startSeconds = (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Starts the embedded PostgreSQL and the embedded SQS and S3 side by side (each is mostly waiting
   * on its own start-up); when one fails, the other is still kept so that closing stops it.
   */
  private void startEmbedded() {
    ExecutorService starter = Executors.newFixedThreadPool(2, r -> new Thread(r, "local-emulation-start"));
    try {
      Future<LocalPostgres> postgres = database != null ? null
          : starter.submit(() -> LocalPostgres.embedded(settings.dataDirectory().resolve("pgdata"), settings.postgresPort()));
      Future<LocalAws> embeddedAws = aws != null ? null : starter.submit(() -> LocalAws.embedded(settings));
      List<RuntimeException> failures = new ArrayList<>();
      if (postgres != null) {
        database = collect(postgres, failures);
      }
      if (embeddedAws != null) {
        aws = collect(embeddedAws, failures);
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    } finally {
      starter.shutdown();
    }
  }

  private <T extends AutoCloseable> T collect(Future<T> part, List<RuntimeException> failures) {
    try {
      return keep(part.get());
    } catch (ExecutionException e) {
      failures.add(e.getCause() instanceof RuntimeException r ? r
          : new StartupException("could not start: " + LocalPostgres.firstLine(e.getCause()), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(new StartupException("interrupted while starting"));
    }
    return null;
  }

  /** What the functions read, set as they would be in Lambda's environment. */
  private void setFunctionEnvironment(int apiPort) {
    environment.set("DATABASE_URL", database.url());
    if (database.user() != null) {
      environment.set("DATABASE_USER", database.user());
    }
    if (database.password() != null) {
      environment.set("DATABASE_PASSWORD", database.password());
    }
    environment.set("JWT_JWKS", keys.publicJson());
    environment.set("JWT_SIGNING_KEYS_FILE", keys.file().toString());
    environment.set("AWS_REGION", settings.region());
    environment.set("aws.region", settings.region());
    environment.set("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint());
    environment.set("AWS_ENDPOINT_URL_S3", aws.s3Endpoint());
    environment.set("aws.endpointUrlSqs", aws.sqsEndpoint());
    environment.set("aws.endpointUrlS3", aws.s3Endpoint());
    environment.set("QUEUE_NAME_PREFIX", settings.queueNamePrefix());
    environment.set("STORAGE_BUCKET", settings.bucket());
    environment.set("SMTP_HOST", mail.host());
    environment.set("SMTP_PORT", String.valueOf(mail.port()));
    // Links in emails lead to the application's pages: the emulator's stand-ins for them, unless
    // APP_URL names the front end being developed.
    environment.set("APP_URL", settings.appUrl().orElse("http://localhost:" + apiPort + ApiGateway.APP_PAGES));
    // The workers' http steps refuse loopback addresses; locally they may call the emulator's own
    // API port (and only that one), so a workflow can be tried out against it. A system property
    // only: a deployed function never reads it.
    environment.set("WORKERS_LOCAL_LOOPBACK_PORTS", String.valueOf(apiPort));
  }

  /**
   * Embedded SQS and S3 accept only the local key, whatever credentials the developer's shell holds;
   * external endpoints get the developer's own credentials, or the local key when there are none
   * (LocalStack and moto accept any).
   */
  private void setAwsCredentials(boolean embedded) {
    if (embedded || Settings.find("AWS_ACCESS_KEY_ID").isEmpty() && Settings.find("aws.accessKeyId").isEmpty()) {
      environment.set("aws.accessKeyId", LocalAws.LOCAL_KEY);
      environment.set("aws.secretAccessKey", LocalAws.LOCAL_KEY);
    }
  }

  private <T extends AutoCloseable> T keep(T part) {
    started.add(part);
    return part;
  }

  public int port() {
    return gateway.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String sqsEndpoint() {
    return aws.sqsEndpoint();
  }

  public String queueUrl(String queue) {
    return aws.queueUrl(queue);
  }

  public String databaseUrl() {
    return database.url();
  }

  public AdminSeed.Result admin() {
    return admin;
  }

  /** The settings the hosted functions see. */
  public Map<String, String> functionEnvironment() {
    return environment.current();
  }

  private Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> functions = new ArrayList<>();
    for (FunctionSpec f : catalog.functions()) {
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("name", f.name());
      function.put("module", f.module());
      function.put("trigger", switch (f.trigger()) {
        case Trigger.Http h -> h.routeKey();
        case Trigger.Sqs s -> "sqs " + s.queue();
        case Trigger.Schedule s -> s.expression();
        case Trigger.Direct d -> "direct" + (d.onDeploy() ? " (on deploy)" : "");
        case Trigger.Logs l -> "logs (the functions' invocation records)";
      });
      function.put("warm_containers", containers.warm().getOrDefault(f.name(), 0));
      functions.add(function);
    }
    out.put("functions", functions);
    out.put("database", database.displayUrl());
    out.put("sqs", aws.sqsEndpoint());
    out.put("s3", aws.s3Endpoint());
    out.put("bucket", settings.bucket());
    out.put("smtp", mail.host() + ":" + mail.port());
    out.put("signing_keys", keys.file().toString());
    out.put("endpoints", List.of("GET /_local", "GET /_local/mail", "DELETE /_local/mail", "GET /_local/queues",
        "POST /_local/queues/{queue}/messages", "POST /_local/schedules/{name}/fire", "POST /_local/functions/{name}/invoke",
        "POST /_local/logs/flush",
        "GET /_local/app/{page}", "GET /openapi.json", "GET /docs"));
    return out;
  }

  /** What a person needs after start: where everything listens and how to sign in. */
  public String summary() {
    String api = "http://localhost:" + port();
    long routes = catalog.functions().stream().filter(f -> f.trigger() instanceof Trigger.Http).count();
    long consumers = catalog.functions().stream().filter(f -> f.trigger() instanceof Trigger.Sqs).count();
    StringBuilder b = new StringBuilder();
    b.append(String.format(java.util.Locale.ROOT, "%nsaaskit local emulation is up in %.1f s: %d functions from modules %s (%d routes, %d queue consumers, %d schedules)%n",
        startSeconds, catalog.functions().size(), catalog.modules().keySet(), routes, consumers, schedules.expressions().size()));
    row(b, "API", api + "   reference: " + api + "/docs   OpenAPI: " + api + "/openapi.json   status: " + api + "/_local");
    row(b, "database", database.displayUrl() + "   (" + database.description() + "; migrations at version " + migrations.version()
        + (migrations.applied() > 0 ? ", " + migrations.applied() + " applied now" : "") + ")");
    row(b, "SQS", aws.sqsEndpoint() + "   (" + aws.description() + "; queues " + (aws.queueUrls().isEmpty() ? "none yet" : aws.queueUrls().keySet())
        + "; depths at " + api + "/_local/queues)");
    row(b, "S3", aws.s3Endpoint() + "   (bucket " + settings.bucket() + ", path-style" + (settings.externalAws() ? "" : "; objects in " + settings.dataDirectory().resolve("s3")) + ")");
    row(b, "SMTP", mail.host() + ":" + mail.port() + "   (messages kept in memory: " + api + "/_local/mail)");
    row(b, "schedules", schedules.expressions().isEmpty() ? "none" : schedules.expressions() + "   (fire one now: curl -X POST " + api + "/_local/schedules/<name>/fire)");
    row(b, "usage", logs == null ? "not recorded: the catalog has no logs: function"
        : "invocation records go to " + logs.receiver() + " every " + LogSubscriptions.INTERVAL_SECONDS + " s, as CloudWatch Logs sends them"
            + " (deliver now: curl -X POST " + api + "/_local/logs/flush)");
    if (stripe != null) {
      row(b, "Stripe", stripe.description().replace("<PORT>", String.valueOf(port())));
    }
    row(b, "signing keys", keys.file() + "   (kid " + keys.keyIds() + (keys.created() ? ", generated now" : "") + "; public part in JWT_JWKS)");
    if (admin == null) {
      row(b, "super_admin", "none: the catalog has no " + AdminSeed.FUNCTION + " function");
    } else if (admin.created()) {
      row(b, "super_admin", admin.email() + " / " + admin.password() + "   (created now; "
          + (settings.seedAdminPassword().isPresent() ? "from SEED_ADMIN_PASSWORD" : "the password is shown only this once: set SEED_ADMIN_PASSWORD to choose one") + ")");
    } else {
      row(b, "super_admin", admin.email() + "   (" + (admin.password() != null ? "password from SEED_ADMIN_PASSWORD"
          : "password shown on the first start; set SEED_ADMIN_PASSWORD to replace it") + ")");
    }
    row(b, "sign in", catalog.functions().stream().anyMatch(f -> f.http() != null && f.http().path().equals("/api/v1/login"))
        ? "curl -X POST " + api + "/api/v1/login -H 'content-type: application/json' -d '{\"email\":\"" + (admin == null ? "..." : admin.email()) + "\",\"password\":\"...\"}'"
        : "not yet: the catalog has no sign-in route until the identity domain is added");
    b.append("Ctrl-C stops everything.");
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format(java.util.Locale.ROOT, "  %-13s %s%n", name, value));
  }

  /** Blocks until {@link #close()} has run (the command line's main thread waits here). */
  public void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every part in the reverse order of starting and restores the JVM's settings. Safe to call twice. */
  @Override
  public synchronized void close() {
    List<AutoCloseable> parts = new ArrayList<>(started);
    started.clear();
    Collections.reverse(parts);
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("local-emulation: stopping " + part.getClass().getSimpleName() + ": " + LocalPostgres.firstLine(e));
      }
    }
    environment.close();
    stopped.countDown();
  }
}

package dev.saaskit.shared.runtime;

import com.nimbusds.jose.jwk.JWKSet;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.ApiKeys;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.outbox.Outbox;
import dev.saaskit.shared.outbox.QueueSender;
import dev.saaskit.shared.outbox.SqsQueueSender;
import dev.saaskit.shared.resilience.Outbound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What one function container shares between invocations, each part created on first use: a
 * container that never touches the database never connects, one that never publishes never builds
 * an SQS client.
 */
public final class Platform {

  private final String module;
  private final Lazy<Catalog> catalog = new Lazy<>(Catalog::bundled);
  private final Lazy<Database> database;
  private final Lazy<JWKSet> verificationKeys = new Lazy<>(this::verificationKeysFromSettings);
  private final Lazy<AccessTokens> accessTokens = new Lazy<>(() -> new AccessTokens(verificationKeys.get(), issuer(), audience()));
  private final Lazy<Outbound> outbound = new Lazy<>(Outbound::new);
  private final Lazy<QueueSender> queueSender = new Lazy<>(() -> SqsQueueSender.fromSettings(outbound.get()));
  private final Lazy<Outbox> outbox;
  private final AtomicBoolean cold = new AtomicBoolean(true);
  private final Lazy<ApiKeys> apiKeys = new Lazy<>(ApiKeys::new);
  private final Clock clock = Clock.systemUTC();

  public Platform(String module) {
    this.module = module;
    this.database = new Lazy<>(() -> Database.fromSettings("saaskit-" + module));
    this.outbox = new Lazy<>(() -> new Outbox(catalog.get().queues().keySet(), queueSender));
  }

  public String module() {
    return module;
  }

  public Catalog catalog() {
    return catalog.get();
  }

  public Database database() {
    return database.get();
  }

  public Supplier<Database> databaseSupplier() {
    return database;
  }

  public AccessTokens accessTokens() {
    return accessTokens.get();
  }

  public Outbox outbox() {
    return outbox.get();
  }

  /** The retry and circuit-breaker policy for calls leaving this container. */
  public Outbound outbound() {
    return outbound.get();
  }

  public Clock clock() {
    return clock;
  }

  /** Checks API keys: the HTTP binding's authenticator and the keys domain's verify route. */
  public ApiKeys apiKeys() {
    return apiKeys.get();
  }

  /** True exactly once: for the container's first invocation. */
  public boolean firstInvocation() {
    return cold.getAndSet(false);
  }

  public UnitOfWork newWork() {
    return new UnitOfWork(database, outbox.get(), true);
  }

  /** Work that only reads: no transaction, each statement commits on its own. */
  public UnitOfWork newReadOnlyWork() {
    return new UnitOfWork(database, outbox.get(), false);
  }

  /**
   * Public signing keys as a JWKS: {@code JWT_JWKS} (the JSON itself) or {@code JWT_JWKS_FILE}.
   * Issuer {@code JWT_ISSUER}, audience {@code JWT_AUDIENCE}.
   */
  private JWKSet verificationKeysFromSettings() {
    Optional<String> json = jwksSetting();
    if (json.isEmpty()) {
      throw new IllegalStateException("set JWT_JWKS or JWT_JWKS_FILE to the public signing keys");
    }
    try {
      return JWKSet.parse(json.get());
    } catch (ParseException e) {
      throw new IllegalStateException("JWT_JWKS is not a JSON Web Key Set", e);
    }
  }

  private static Optional<String> jwksSetting() {
    return Settings.find("JWT_JWKS").or(() -> Settings.find("JWT_JWKS_FILE").map(Platform::read));
  }

  /**
   * Builds the verifier from {@code JWT_JWKS} and runs it once over a token with a valid header and
   * a signature of zeros, which fails at the RSA check: every class and table of a verification is
   * then loaded. Without {@code JWT_JWKS} there is nothing to prime (and the first request fails).
   */
  public void primeAccessTokens() {
    if (jwksSetting().isEmpty()) {
      return;
    }
    JWKSet keys = verificationKeys.get();
    if (keys.getKeys().isEmpty()) {
      return;
    }
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.getKeys().get(0).getKeyID() + "\"}";
    String claims = "{\"sub\":\"" + new UUID(0, 0) + "\",\"exp\":" + (clock.instant().getEpochSecond() + 60) + "}";
    String token = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "." + base64.encodeToString(new byte[256]);
    try {
      accessTokens.get().verify(token);
    } catch (ApiException expected) {
      // The signature is refused, as it must be.
    }
  }

  /**
   * What every invocation goes through, built before the first: the catalog, the outbox and,
   * where {@code DATABASE_URL} is set, the database's statement machinery, without
   * connecting (see {@link Database#prime()}).
   */
  public void prime() {
    catalog.get();
    outbox.get();
    InvocationRecord.prime();
    if (Settings.find("DATABASE_URL").isPresent()) {
      database.get().prime();
    }
  }

  public static String issuer() {
    return Settings.get("JWT_ISSUER", "saaskit");
  }

  public static String audience() {
    return Settings.get("JWT_AUDIENCE", "saaskit-api");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read JWT_JWKS_FILE " + file, e);
    }
  }
}

package dev.saaskit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.migrations.DatabaseLogins;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.FaultProxy;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestEnvironment;
import dev.saaskit.testkit.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Database faults (issue 22) on real routes with writes (the keys domain's {@code POST /api/v1/keys}, {@code PUT
 * /api/v1/keys/{id}}), through the Lambda entry point, to PostgreSQL through a {@link FaultProxy}, logged in as the
 * keys module's own user ({@code saaskit_keys_login}, made by the deployment's {@link DatabaseLogins}), so its
 * sessions carry the deployed {@link DatabaseLogins#SESSION_LIMITS}. What each fault leaves behind is read from the
 * tables and {@code pg_stat_activity} directly. CI's PgBouncer pass runs the class again with the proxy in front of
 * PgBouncer (transaction pooling), where a server session ended mid-transaction is PgBouncer's server connection.
 */
class DatabaseFaultsTest {

  private static final String LOGIN = "saaskit_keys_login";
  private static final Map<String, Object> FIGURES = new ConcurrentHashMap<>();

  private static FaultProxy proxy;
  private static Map<String, String> settings;

  private Tenant tenant;

  @BeforeEach
  void organization() {
    tenant = Tenant.create();
    TestDatabase.execute("update organizations set plan = 'enterprise' where id = ?", tenant.organizationId());
  }

  @BeforeAll
  static void proxyAndLogin() throws Exception {
    Assumptions.assumeTrue(System.getProperty("CATALOG_RESOURCE") == null, "runs on the real catalog, not the test domain's");
    TestEnvironment.ensure();
    TestDatabase db = TestDatabase.get();
    Properties url = org.postgresql.Driver.parseURL(db.url(), new Properties());
    String password = DatabaseLogins.newPassword();
    DatabaseLogins.apply(db.url(), System.getProperty("DATABASE_USER"), System.getProperty("DATABASE_PASSWORD"),
        List.of(new DatabaseLogins.Login(LOGIN, password)));
    proxy = FaultProxy.to(url.getProperty("PGHOST").split(",")[0], Integer.parseInt(url.getProperty("PGPORT").split(",")[0]));
    settings = Map.of(
        "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.getProperty("PGDBNAME"),
        "DATABASE_USER", LOGIN,
        "DATABASE_PASSWORD", password);
  }

  @AfterEach
  void heal() {
    proxy.resume();
  }

  @AfterAll
  static void close() {
    if (proxy == null) {
      return;
    }
    proxy.close();
    Figures.write("database-faults", FIGURES);
  }

  @Test
  void a_connection_cut_mid_transaction_with_no_database_to_return_to_is_a_503_that_says_retry_and_writes_nothing() {
    Function keys = new Function("create-key", Map.of());
    String name = "cut-" + UUID.randomUUID();
    // After the key's rows were inserted, in the same transaction: the audit entry is the last statement.
    proxy.onClientSending("insert into audit_logs", FaultProxy.Fault.CUT_AND_REFUSE);

    ApiResponse r = keys.send(Api.post("/api/v1/keys").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("name", name, "scopes", List.of("keys:read"))));

    assertThat(proxy.triggered()).as("the cut came mid-transaction").isTrue();
    assertRetryLater(r);
    assertThat(keysNamed(name)).as("no partial write").isZero();
    assertThat(count("select count(*) from api_key_secrets s join api_keys k on k.id = s.key_id where k.organization_id = ?", tenant.organizationId()))
        .isZero();
    assertThat(count("select count(*) from audit_logs where organization_id = ?", tenant.organizationId())).isZero();
    FIGURES.put("cut_with_database_gone", r.status());
  }

  @Test
  void a_connection_cut_mid_transaction_is_replaced_and_the_request_runs_once_on_the_new_one() {
    Function keys = new Function("create-key", Map.of());
    String name = "cut-once-" + UUID.randomUUID();
    proxy.onClientSending("insert into audit_logs", FaultProxy.Fault.CUT);

    ApiResponse r = keys.send(Api.post("/api/v1/keys").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("name", name, "scopes", List.of("keys:read"))));

    assertThat(proxy.triggered()).isTrue();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(keysNamed(name)).as("one key, not one per attempt").isEqualTo(1);
    assertThat(count("select count(*) from audit_logs where organization_id = ?", tenant.organizationId())).isEqualTo(1);
    FIGURES.put("cut_once_recovered", r.status());
  }

  @Test
  void a_server_session_ended_mid_transaction_is_replaced_and_the_request_runs_once_on_the_new_one() {
    Function keys = new Function("create-key", Map.of());
    String name = "ended-" + UUID.randomUUID();
    ServerSessionKiller killer = new ServerSessionKiller(1);
    int connectionsBefore = proxy.accepted();

    ApiResponse r = keys.send(create(name));

    assertThat(killer.ended()).as("the function's server session, idle in its transaction, was ended: " + killer).containsExactly(1);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(keysNamed(name)).as("one key, not one per attempt").isEqualTo(1);
    assertThat(count("select count(*) from audit_logs where organization_id = ?", tenant.organizationId())).isEqualTo(1);
    assertThat(proxy.accepted() - connectionsBefore).as("the retry took a new connection").isEqualTo(2);
    int connectionsAfter = proxy.accepted();
    assertThat(keys.send(create(name + "-next")).status()).as("the container's next request").isEqualTo(201);
    assertThat(proxy.accepted()).as("on the same connection").isEqualTo(connectionsAfter);
    FIGURES.put("server_ended_once_status", r.status());
    FIGURES.put("server_ended_once_keys", keysNamed(name));
  }

  @Test
  void a_server_session_ended_mid_transaction_on_both_attempts_is_a_503_that_says_retry_and_writes_nothing() {
    Function keys = new Function("create-key", Map.of());
    String name = "ended-twice-" + UUID.randomUUID();
    ServerSessionKiller killer = new ServerSessionKiller(2);

    ApiResponse r = keys.send(create(name));

    assertThat(killer.ended()).as("both attempts' server sessions ended mid-transaction: " + killer).containsExactly(1, 1);
    assertRetryLater(r);
    assertThat(keysNamed(name)).as("no partial write").isZero();
    assertThat(count("select count(*) from audit_logs where organization_id = ?", tenant.organizationId())).isZero();
    ApiResponse next = keys.send(create(name + "-next"));
    assertThat(next.status()).as("the same container's next request: " + next).isEqualTo(201);
    FIGURES.put("server_ended_twice_status", r.status());
    FIGURES.put("server_ended_twice_rows", keysNamed(name));
    FIGURES.put("server_ended_twice_next_status", next.status());
  }

  @Test
  void the_database_down_for_a_while_answers_503s_and_the_first_request_after_it_returns_recovers_the_connection() {
    Function keys = new Function("create-key", Map.of());
    assertThat(keys.send(create("before")).status()).isEqualTo(201);

    proxy.refuse();
    proxy.cutAll();
    int down = 6;
    int retryLater = 0;
    for (int i = 0; i < down; i++) {
      ApiResponse r = keys.send(create("down-" + i));
      assertRetryLater(r);
      retryLater++;
    }
    proxy.resume();
    ApiResponse after = keys.send(create("after"));

    assertThat(after.status()).as("the same container, on a new connection: " + after).isEqualTo(201);
    assertThat(count("select count(*) from api_keys where organization_id = ? and name like 'down-%'", tenant.organizationId())).isZero();
    FIGURES.put("outage_requests", down);
    FIGURES.put("outage_503_retry_after", retryLater);
    FIGURES.put("outage_first_request_after", after.status());
    FIGURES.put("outage_refused_connections", proxy.refused());
  }

  @Test
  void a_statement_waiting_on_a_lock_ends_at_the_sessions_lock_timeout_with_a_503_and_leaves_no_lock() {
    UUID key = keyNamed("locked");
    long started = System.nanoTime();
    ApiResponse r = renameWhileLocked(key);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertTimedOutAndLeftNothing(r, key, "locked");
    FIGURES.put("lock_wait_status", r.status());
    FIGURES.put("lock_wait_seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
    FIGURES.put("lock_timeout", DatabaseLogins.SESSION_LIMITS.get("lock_timeout"));
  }

  @Test
  void a_statement_running_past_the_sessions_statement_timeout_is_cancelled_with_a_503_and_leaves_no_lock() {
    UUID key = keyNamed("slow");
    // The deployed 20 s shortened, and the lock limit lifted so that the statement's is the one that ends the wait;
    // set the same way, on the user, read at login.
    limit("statement_timeout", "1s");
    limit("lock_timeout", "0");
    try {
      ApiResponse r = renameWhileLocked(key);

      assertTimedOutAndLeftNothing(r, key, "slow");
      FIGURES.put("statement_timeout_status", r.status());
    } finally {
      restoreLimit("statement_timeout");
      restoreLimit("lock_timeout");
    }
  }

  @Test
  void a_function_frozen_mid_transaction_holding_a_row_lock_loses_its_session_and_the_lock_to_the_idle_limit() throws Exception {
    UUID key = keyNamed("frozen");
    // The deployed minute, shortened for this test; set the same way, on the user, read at login.
    limit("idle_in_transaction_session_timeout", "2s");
    try {
      Function update = new Function("update-key", Map.of("DATABASE_SOCKET_TIMEOUT", "2"));
      // The row is updated (and locked); then the audit entry's bytes are held, and so is everything after them:
      // the function's end of the connection gives up, the server's stays open, idle in its transaction.
      proxy.onClientSending("insert into audit_logs", FaultProxy.Fault.STALL);
      ApiResponse r = update.send(Api.put("/api/v1/keys/" + key).bearer(tenant.token(Role.ORG_ADMIN)).json(renamed("renamed")));

      assertRetryLater(r);
      boolean released = false;
      for (int i = 0; i < 100 && !released; i++) {
        released = lockedNow(key);
        if (!released) {
          Thread.sleep(100);
        }
      }
      assertThat(released).as("the frozen session's row lock was released").isTrue();
      assertThat(nameOf(key)).as("its update rolled back").isEqualTo("frozen");
      FIGURES.put("frozen_status", r.status());
    } finally {
      restoreLimit("idle_in_transaction_session_timeout");
    }
  }

  /** A key made through the proxied route. */
  private UUID keyNamed(String name) {
    ApiResponse r = new Function("create-key", Map.of()).send(create(name));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return UUID.fromString(r.json().path("api_key").path("id").asString());
  }

  /** Renames the key through a new container while the test's own transaction holds the key's row lock. */
  private ApiResponse renameWhileLocked(UUID key) {
    Function update = new Function("update-key", Map.of());
    try (Handle holder = TestDatabase.get().jdbi().open()) {
      holder.begin();
      holder.createQuery("select id from api_keys where id = ? for update").bind(0, key).mapToMap().one();
      ApiResponse r = update.send(Api.put("/api/v1/keys/" + key).bearer(tenant.token(Role.ORG_ADMIN)).json(renamed("renamed")));
      holder.rollback();
      assertThat(update.send(Api.put("/api/v1/keys/" + key).bearer(tenant.token(Role.ORG_ADMIN)).json(renamed(nameOf(key)))).status())
          .as("the same container's connection serves the next request").isEqualTo(200);
      return r;
    }
  }

  private static void assertTimedOutAndLeftNothing(ApiResponse r, UUID key, String name) {
    assertRetryLater(r);
    assertThat(r.json().path("detail").asString()).contains("in time");
    assertThat(nameOf(key)).as("nothing of the update").isEqualTo(name);
    assertThat(lockedNow(key)).as("a second transaction takes the row lock at once").isTrue();
  }

  private static void restoreLimit(String setting) {
    limit(setting, DatabaseLogins.SESSION_LIMITS.get(setting));
  }

  /**
   * Sets one of the user's session limits, which a session takes at login, and ends the user's idle sessions: behind
   * PgBouncer a server session outlives the change, and would serve the next request with the old value.
   */
  private static void limit(String setting, String value) {
    TestDatabase.execute("alter role " + LOGIN + " set " + setting + " = '" + value + "'");
    TestDatabase.rows("select pg_terminate_backend(pid, 5000) from pg_stat_activity where usename = ? and state = 'idle'", LOGIN);
  }

  private Api.Request create(String name) {
    return Api.post("/api/v1/keys").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("name", name, "scopes", List.of("keys:read")));
  }

  private static Map<String, Object> renamed(String name) {
    return Map.of("name", name, "scopes", List.of("keys:read"), "rate_limit", Map.of("requests", 100, "per_seconds", 60), "enabled", true);
  }

  private static void assertRetryLater(ApiResponse r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    assertThat(r.problem()).isEqualTo("database_unavailable");
    assertThat(r.header("retry-after")).isEqualTo("5");
  }

  private long keysNamed(String name) {
    return count("select count(*) from api_keys where organization_id = ? and name = ?", tenant.organizationId(), name);
  }

  private static String nameOf(UUID key) {
    return (String) TestDatabase.rows("select name from api_keys where id = ?", key).get(0).get("name");
  }

  /** Whether a new transaction gets the row's lock without waiting. */
  private static boolean lockedNow(UUID key) {
    try (Handle h = TestDatabase.get().jdbi().open()) {
      h.begin();
      try {
        h.createQuery("select id from api_keys where id = ? for update nowait").bind(0, key).mapToMap().one();
        return true;
      } catch (RuntimeException e) {
        if ("55P03".equals(dev.saaskit.shared.db.Database.sqlState(e))) {
          return false;
        }
        throw e;
      } finally {
        h.rollback();
      }
    }
  }

  private static long count(String sql, Object... args) {
    return ((Number) TestDatabase.rows(sql, args).get(0).values().iterator().next()).longValue();
  }

  /**
   * Ends the server session serving the function's transaction, from an admin connection, each time the function
   * sends its audit insert (after the key's rows, in the same transaction), before the insert goes on: the session
   * is the keys user's one idle in transaction. Behind PgBouncer that is PgBouncer's server connection, which the
   * function's client connection holds only for the transaction.
   */
  private static final class ServerSessionKiller {
    private final List<Integer> ended = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch done;

    ServerSessionKiller(int times) {
      done = new CountDownLatch(times);
      arm();
    }

    private void arm() {
      proxy.onClientSending("insert into audit_logs", () -> {
        // The function may see its session end, and retry, before this action returns: the next one is armed first.
        if (done.getCount() > 1) {
          arm();
        }
        try {
          ended.add((int) TestDatabase.rows("select pg_terminate_backend(pid, 5000) as ended from pg_stat_activity "
              + "where usename = ? and state = 'idle in transaction'", LOGIN).stream().filter(row -> Boolean.TRUE.equals(row.get("ended"))).count());
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
    }

    /** How many sessions each firing ended, once every firing has finished. */
    List<Integer> ended() {
      try {
        done.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(failures).as("ending the server session").isEmpty();
      return ended;
    }

    @Override
    public String toString() {
      return "ended " + ended + ", failures " + failures;
    }
  }

  /** A container of a catalog function connected through the proxy as the module's user; its settings on every call. */
  private static final class Function {
    private final LocalContainer container;
    private final Map<String, String> own;

    Function(String name, Map<String, String> extra) {
      own = new HashMap<>(settings);
      own.putAll(extra);
      container = Lambda.withSettings(own, () -> Lambda.coldStart(name));
    }

    ApiResponse send(Api.Request request) {
      return Lambda.withSettings(own, () -> request.sendTo(container));
    }
  }
}

package dev.saaskit.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database's rights are ownership.yaml's: after migrating, each module's role may do to each
 * table exactly what the file says and nothing else, and a module's user holds its module's role and
 * the runtime's.
 */
class FunctionRolesTest {

  static final List<String> TABLE_RIGHTS = List.of("select", "insert", "update", "delete", "truncate", "references", "trigger");

  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void migrate() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    url = postgres.getJdbcUrl("postgres", "postgres");
    Migrator.migrate(url, "postgres", null);
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void every_modules_role_has_exactly_the_rights_the_ownership_file_gives() throws Exception {
    Ownership ownership = Ownership.parse(Files.readAllBytes(Path.of("ownership.yaml")));
    List<String> problems = new ArrayList<>();
    try (Connection c = connect("postgres")) {
      for (String module : ownership.modules()) {
        for (Map.Entry<String, Ownership.Table> t : ownership.tables().entrySet()) {
          boolean owner = module.equals(t.getValue().owner());
          boolean reader = owner || t.getValue().readers().contains(module);
          for (String right : TABLE_RIGHTS) {
            boolean expected = switch (right) {
              case "select" -> reader;
              case "insert", "update", "delete" -> owner;
              default -> false;
            };
            if (has(c, "select has_table_privilege(?, ?, ?)", FunctionRoles.role(module), t.getKey(), right) != expected) {
              problems.add(FunctionRoles.role(module) + " " + (expected ? "lacks " : "has ") + right + " on " + t.getKey());
            }
          }
          boolean locker = owner || t.getValue().lockers().contains(module);
          if (has(c, "select has_any_column_privilege(?, ?, 'update')", FunctionRoles.role(module), t.getKey()) != locker) {
            problems.add(FunctionRoles.role(module) + " " + (locker ? "cannot" : "can") + " lock rows of " + t.getKey());
          }
        }
        if (has(c, "select has_schema_privilege(?, 'public', 'create')", FunctionRoles.role(module))) {
          problems.add(FunctionRoles.role(module) + " may create tables");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void a_locker_may_lock_and_touch_updated_at_but_change_nothing_else() throws Exception {
    try (Connection c = connect("postgres")) {
      assertThat(has(c, "select has_column_privilege(?, 'organizations', 'updated_at', 'update')", "saaskit_runtime")).isTrue();
      assertThat(has(c, "select has_column_privilege(?, 'organizations', 'plan', 'update')", "saaskit_runtime")).isFalse();
    }
  }

  @Test
  void a_modules_user_holds_its_modules_role_and_the_runtimes_and_can_do_nothing_else() throws Exception {
    DatabaseLogins.apply(url, "postgres", null, List.of(new DatabaseLogins.Login("saaskit_keys_login", "first"),
        new DatabaseLogins.Login("saaskit_platform_login", "first")));
    DatabaseLogins.apply(url, "postgres", null, List.of(new DatabaseLogins.Login("saaskit_keys_login", "second")));

    try (Connection c = connect("postgres")) {
      assertThat(has(c, "select pg_has_role('saaskit_keys_login', 'saaskit_keys', 'member')")).isTrue();
      assertThat(has(c, "select pg_has_role('saaskit_keys_login', 'saaskit_runtime', 'member')")).isTrue();
      assertThat(has(c, "select pg_has_role('saaskit_keys_login', 'saaskit_identity', 'member')")).isFalse();
      assertThat(has(c, "select pg_has_role('saaskit_platform_login', 'saaskit_runtime', 'member')")).as("no tables: the runtime's role only").isTrue();
      try (PreparedStatement q = c.prepareStatement("select rolpassword from pg_authid where rolname = 'saaskit_keys_login'");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$4096:");
      }
    }
    try (Connection keys = connect("saaskit_keys_login"); Statement s = keys.createStatement()) {
      s.executeQuery("select count(*) from api_keys").close();
      s.executeQuery("select count(*) from workspaces").close();
      assertThatThrownBy(() -> s.executeUpdate("update organizations set plan = 'free'")).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.executeQuery("select count(*) from sessions")).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("create table mine (id int)")).hasMessageContaining("permission denied");
    }
  }

  @Test
  void a_modules_user_starts_every_session_with_the_session_limits_without_a_set() throws Exception {
    DatabaseLogins.apply(url, "postgres", null, List.of(new DatabaseLogins.Login("saaskit_support_login", "first")));

    try (Connection support = connect("saaskit_support_login"); Statement s = support.createStatement()) {
      for (Map.Entry<String, String> limit : DatabaseLogins.SESSION_LIMITS.entrySet()) {
        try (ResultSet rs = s.executeQuery("show " + limit.getKey())) {
          rs.next();
          assertThat(rs.getString(1)).as(limit.getKey()).isEqualTo(limit.getValue());
        }
      }
    }
    assertThat(DatabaseLogins.SESSION_LIMITS).containsOnlyKeys("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout");
  }

  /**
   * identity's purge deletes an organization and PostgreSQL's cascade its rows in other domains' tables: the keys of
   * their files are kept for the domains that own them (V95's triggers), with no right of identity's on those tables.
   */
  @Test
  void an_organization_deleted_by_identitys_user_leaves_the_keys_of_its_files_to_their_owners() throws Exception {
    DatabaseLogins.apply(url, "postgres", null, List.of(new DatabaseLogins.Login("saaskit_identity_login", "first")));
    String org = java.util.UUID.randomUUID().toString();
    String ticket = java.util.UUID.randomUUID().toString();
    String attachmentKey = "support/" + org + "/" + ticket + "/a";
    String logoKey = "themes/" + org + "/l";
    try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
      s.execute("insert into organizations (id, name, slug) values ('" + org + "', 'Purged', 'purged-" + org + "')");
      s.execute("insert into support_tickets (id, organization_id, requester_id, subject) values ('" + ticket + "', '" + org
          + "', gen_random_uuid(), 'files')");
      s.execute("insert into support_attachments (id, ticket_id, organization_id, uploaded_by, file_name, content_type, size_bytes,"
          + " object_key, upload_expires_at) values (gen_random_uuid(), '" + ticket + "', '" + org + "', gen_random_uuid(), 'a.txt',"
          + " 'text/plain', 1, '" + attachmentKey + "', now())");
      s.execute("insert into theme_uploads (id, organization_id, kind, content_type, size_bytes, object_key, expires_at)"
          + " values (gen_random_uuid(), '" + org + "', 'logo', 'image/png', 1, '" + logoKey + "', now())");
    }

    try (Connection identity = connect("saaskit_identity_login"); Statement s = identity.createStatement()) {
      assertThat(s.executeUpdate("delete from organizations where id = '" + org + "'")).isEqualTo(1);
      assertThatThrownBy(() -> s.executeQuery("select count(*) from support_deleted_files")).hasMessageContaining("permission denied");
    }

    try (Connection admin = DriverManager.getConnection(url)) {
      assertThat(has(admin, "select exists (select 1 from support_deleted_files where object_key = ?)", attachmentKey)).isTrue();
      assertThat(has(admin, "select exists (select 1 from theme_deleted_files where object_key = ?)", logoKey)).isTrue();
      assertThat(has(admin, "select not exists (select 1 from support_attachments where object_key = ?)", attachmentKey)).isTrue();
    }
  }

  @Test
  void the_roles_run_again_when_the_ownership_file_changes() {
    byte[] file = "tables: {a: {owner: keys}}".getBytes(StandardCharsets.UTF_8);
    byte[] changed = "tables: {a: {owner: keys, read_by: [runtime]}}".getBytes(StandardCharsets.UTF_8);

    assertThat(new FunctionRoles(file).getChecksum()).isNotEqualTo(new FunctionRoles(changed).getChecksum());
    assertThat(new FunctionRoles(file).getVersion()).as("repeatable").isNull();
    assertThatThrownBy(() -> FunctionRoles.statements(Ownership.parse("tables: {\"a; drop table b\": {owner: keys}}".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("not a plain PostgreSQL name");
  }

  private static Connection connect(String user) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    // The embedded server's URL names its user; this connection's is the property's.
    return DriverManager.getConnection(url.replaceAll("\\?.*", ""), properties);
  }

  private static boolean has(Connection c, String query, String... arguments) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(query)) {
      for (int i = 0; i < arguments.length; i++) {
        q.setString(i + 1, arguments[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}

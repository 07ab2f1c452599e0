package dev.saaskit.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations themselves: they apply to an empty database, once, and are named as Flyway reads them. */
class MigratorTest {

  static final Path SCRIPTS = Path.of("src/main/resources/db/migration");
  static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void an_empty_database_gets_every_migration_then_none_again() throws IOException {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    List<Integer> versions = versions();

    Migrator.Result first = Migrator.migrate(url, "postgres", null);
    Migrator.Result second = Migrator.migrate(url, "postgres", null);

    assertThat(first.applied()).as("every script and the function roles").isEqualTo(versions.size() + 1);
    assertThat(first.version()).isEqualTo(String.valueOf(versions.getLast()));
    assertThat(second.applied()).isZero();
    assertThat(second.version()).isEqualTo(first.version());
  }

  @Test
  void the_schema_has_the_tables_the_functions_use() throws SQLException {
    Migrator.migrate(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);

    List<String> tables = new ArrayList<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = c.createStatement().executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    assertThat(tables).contains("users", "organizations", "organization_members", "sessions", "api_keys", "audit_logs",
        "outbox_messages", "idempotency_keys");
  }

  @Test
  void every_script_is_named_for_flyway_with_a_version_of_its_own() throws IOException {
    List<String> badNames = new ArrayList<>();
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      files.map(p -> p.getFileName().toString()).filter(n -> !NAME.matcher(n).matches()).forEach(badNames::add);
    }
    List<Integer> versions = versions();

    assertThat(badNames).as("scripts not named V<version>__<lower_snake_case>.sql").isEmpty();
    assertThat(versions).doesNotHaveDuplicates();
  }

  @Test
  void an_unreachable_database_fails_with_the_connection_error() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    assertThatThrownBy(() -> Migrator.migrate("jdbc:postgresql://127.0.0.1:" + closed + "/saaskit", "postgres", null))
        .hasRootCauseInstanceOf(java.net.ConnectException.class);
  }

  private static List<Integer> versions() throws IOException {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      return files.map(p -> NAME.matcher(p.getFileName().toString())).filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
    }
  }
}

package dev.saaskit.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a migration's connection leaves on its server session, which a transaction-pooling proxy hands to the next
 * client: no named statement, however often a statement repeats and a transaction commits.
 */
class MigrationDataSourceTest {

  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    url = postgres.getJdbcUrl("postgres", "postgres");
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void committed_transactions_leave_no_named_statement_on_the_server_session() throws SQLException {
    try (Connection c = MigrationDataSource.of(url, "postgres", null).getConnection()) {
      assertThat(namedStatementsAfterTransactions(c)).isZero();
    }
  }

  @Test
  void the_drivers_defaults_would_leave_some() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(namedStatementsAfterTransactions(c)).as("pgjdbc names COMMIT and a statement used five times").isPositive();
    }
  }

  private static int namedStatementsAfterTransactions(Connection c) throws SQLException {
    c.setAutoCommit(false);
    for (int i = 0; i < 6; i++) {
      try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
        q.setString(1, "postgres");
        q.executeQuery().close();
      }
      c.commit();
    }
    c.setAutoCommit(true);
    try (PreparedStatement q = c.prepareStatement("select count(*) from pg_prepared_statements where not from_sql");
        ResultSet rows = q.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}

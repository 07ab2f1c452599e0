package dev.saaskit.migrations;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connections migrations and {@link DatabaseLogins} take. The deployment's migrate function reaches the
 * database through the same proxy as every function, and a transaction-pooling proxy hands each transaction's
 * server session to whichever client comes next; so, like the functions' ({@code Database}), these connections
 * leave no named statement behind ({@code prepareThreshold=0}). Without it pgjdbc names even {@code COMMIT}, and
 * the next client to name its own is refused ("prepared statement S_1 already exists").
 */
final class MigrationDataSource {

  private MigrationDataSource() {}

  /** {@code user} and {@code password} may be null: the URL's (or the driver's defaults) are used then. */
  static PGSimpleDataSource of(String url, String user, String password) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    if (user != null) {
      dataSource.setUser(user);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    dataSource.setPrepareThreshold(0);
    return dataSource;
  }
}

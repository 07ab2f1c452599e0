package dev.saaskit.shared.db;

import java.sql.SQLException;

/**
 * A statement the database refused or could not run. The message is the driver's, which names no
 * bound value ({@code logServerErrorDetail=false}); {@link Database#sqlState} reads the cause.
 */
public final class StatementException extends RuntimeException {

  public StatementException(SQLException cause) {
    super(cause.toString(), cause);
  }

  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}

package dev.saaskit.shared.db;

/** The database could not be reached or the connection broke; the request may be retried. */
public class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

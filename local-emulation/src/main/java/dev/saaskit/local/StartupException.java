package dev.saaskit.local;

/**
 * The emulator cannot start. The message is one line that says what is wrong and how to fix it; the
 * command line prints it and exits with a non-zero status.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.saaskit.local;

import dev.saaskit.shared.runtime.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the emulator's own endpoints serve: mail, queues, schedules, log deliveries, the API document and page, the
 * pages email links lead to, the status.
 */
final class LocalConveniences {

  private final LocalMail mail;
  private final LocalAws aws;
  private final Schedules schedules;
  private final LogSubscriptions logs;
  private final Lazy<String> openApi;
  private final Supplier<Map<String, Object>> status;
  private final Lazy<byte[]> docsPage = new Lazy<>(() -> resource("docs.html"));
  private final Lazy<byte[]> appPage = new Lazy<>(() -> resource("app.html"));

  LocalConveniences(LocalMail mail, LocalAws aws, Schedules schedules, LogSubscriptions logs, Supplier<String> openApi,
      Supplier<Map<String, Object>> status) {
    this.mail = mail;
    this.aws = aws;
    this.schedules = schedules;
    this.logs = logs;
    this.openApi = new Lazy<>(openApi);
    this.status = status;
  }

  LocalMail mail() {
    return mail;
  }

  LocalAws aws() {
    return aws;
  }

  Schedules schedules() {
    return schedules;
  }

  /** Null when the catalog has no logs: function. */
  LogSubscriptions logs() {
    return logs;
  }

  String openApi() {
    return openApi.get();
  }

  byte[] docsPage() {
    return docsPage.get();
  }

  /**
   * The stand-in for the application's pages that email links lead to ({@code APP_URL}, locally
   * {@code /_local/app}): it sends the link's token to the API route the page stands for.
   */
  byte[] appPage() {
    return appPage.get();
  }

  Map<String, Object> status() {
    return status.get();
  }

  private static byte[] resource(String name) {
    try (InputStream in = LocalConveniences.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the emulator's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

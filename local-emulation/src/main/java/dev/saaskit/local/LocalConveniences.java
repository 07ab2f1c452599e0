package dev.saaskit.local;

import dev.saaskit.shared.runtime.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/** What the emulator's own endpoints serve: mail, queues, schedules, the API document and page, the status. */
final class LocalConveniences {

  private final LocalMail mail;
  private final LocalAws aws;
  private final Schedules schedules;
  private final Lazy<String> openApi;
  private final Supplier<Map<String, Object>> status;
  private final Lazy<byte[]> docsPage = new Lazy<>(LocalConveniences::readDocsPage);

  LocalConveniences(LocalMail mail, LocalAws aws, Schedules schedules, Supplier<String> openApi, Supplier<Map<String, Object>> status) {
    this.mail = mail;
    this.aws = aws;
    this.schedules = schedules;
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

  String openApi() {
    return openApi.get();
  }

  byte[] docsPage() {
    return docsPage.get();
  }

  Map<String, Object> status() {
    return status.get();
  }

  private static byte[] readDocsPage() {
    try (InputStream in = LocalConveniences.class.getResourceAsStream("docs.html")) {
      if (in == null) {
        throw new IllegalStateException("docs.html is missing from the emulator's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

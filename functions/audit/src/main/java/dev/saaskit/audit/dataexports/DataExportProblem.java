package dev.saaskit.audit.dataexports;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes of the data export's problems; the README lists them. */
public enum DataExportProblem implements ProblemCode {
  /** 409: the organization's previous export is still queued or running. */
  EXPORT_IN_PROGRESS,
  /** 429: the organization asked for {@code DATA_EXPORTS_PER_DAY} exports in the last 24 hours. */
  TOO_MANY_EXPORTS;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

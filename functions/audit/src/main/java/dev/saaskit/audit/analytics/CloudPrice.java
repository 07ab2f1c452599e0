package dev.saaskit.audit.analytics;

import dev.saaskit.shared.config.Settings;
import java.math.BigDecimal;

/**
 * The AWS list prices the cost estimate uses, each a setting of the audit module (catalog.yaml,
 * modules.audit.settings: a deployment parameter) whose default is the us-east-1 price of the page
 * named, as of {@link #AS_OF}.
 */
enum CloudPrice {
  LAMBDA_COMPUTE("ANALYTICS_LAMBDA_GB_SECOND_USD", "0.0000166667", "GB-second", BigDecimal.ONE,
      "https://aws.amazon.com/lambda/pricing/ (us-east-1, x86, first 6 billion GB-seconds a month)"),
  LAMBDA_REQUESTS("ANALYTICS_LAMBDA_MILLION_REQUESTS_USD", "0.20", "million requests", BigDecimal.valueOf(1_000_000),
      "https://aws.amazon.com/lambda/pricing/ (us-east-1)"),
  API_GATEWAY_REQUESTS("ANALYTICS_HTTP_API_MILLION_REQUESTS_USD", "1.00", "million requests", BigDecimal.valueOf(1_000_000),
      "https://aws.amazon.com/api-gateway/pricing/ (us-east-1, HTTP APIs, first 300 million requests a month)"),
  SQS_REQUESTS("ANALYTICS_SQS_MILLION_REQUESTS_USD", "0.40", "million requests", BigDecimal.valueOf(1_000_000),
      "https://aws.amazon.com/sqs/pricing/ (us-east-1, standard queues, after the first million a month)");

  /** The day the defaults were taken from the pages. */
  static final String AS_OF = "2026-12-01";

  final String setting;
  final String defaultUsd;
  /** What one price buys, and how many units of the line's quantity that is. */
  final String per;
  final BigDecimal unitsPer;
  final String source;

  CloudPrice(String setting, String defaultUsd, String per, BigDecimal unitsPer, String source) {
    this.setting = setting;
    this.defaultUsd = defaultUsd;
    this.per = per;
    this.unitsPer = unitsPer;
    this.source = source;
  }

  String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The price now in force: the setting's, or the default. */
  BigDecimal usd() {
    String value = Settings.get(setting, defaultUsd);
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + setting + " must be a decimal number of US dollars, was '" + value + "'");
    }
  }

  /** Where {@code inForce}, this price now, comes from: the page, or the operator's setting. */
  String sourceOf(BigDecimal inForce) {
    return inForce.compareTo(new BigDecimal(defaultUsd)) == 0
        ? source + ", as of " + AS_OF
        : "set by the operator in " + setting + " (default " + defaultUsd + " from " + source + ", as of " + AS_OF + ")";
  }
}

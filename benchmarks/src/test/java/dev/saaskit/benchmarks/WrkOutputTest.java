package dev.saaskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkOutputTest {

  private static final String REPORT = """
      Running 2s test @ http://127.0.0.1:18080/health
        1 threads and 2 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     1.96ms    1.75ms  13.11ms   85.47%
          Req/Sec     1.16k   228.61     1.88k    85.00%
        Latency Distribution
           50%  850.00us
           75%    2.55ms
           90%    4.45ms
           99%    1.02s
        2323 requests in 2.02s, 1.15MB read
        Socket errors: connect 0, read 1, write 0, timeout 2
        Non-2xx or 3xx responses: 17
      Requests/sec:   1151.40
      Transfer/sec:    584.70KB
      """;

  @Test
  void reads_the_figures_in_milliseconds() {
    WrkOutput out = WrkOutput.parse(REPORT);

    assertThat(out.requests()).isEqualTo(2323);
    assertThat(out.seconds()).isEqualTo(2.02);
    assertThat(out.requestsPerS()).isEqualTo(1151.40);
    assertThat(out.p50Ms()).isEqualTo(0.85);
    assertThat(out.p75Ms()).isEqualTo(2.55);
    assertThat(out.p90Ms()).isEqualTo(4.45);
    assertThat(out.p99Ms()).isEqualTo(1020.0);
    assertThat(out.non2xx()).isEqualTo(17);
    assertThat(out.socketErrors()).isEqualTo(3);
  }

  @Test
  void a_report_without_the_latency_distribution_is_refused() {
    String withoutDistribution = REPORT.replaceAll("(?m)^\\s+\\d+%.*\\n", "");

    assertThatThrownBy(() -> WrkOutput.parse(withoutDistribution)).hasMessageContaining("--latency");
  }
}

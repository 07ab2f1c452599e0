package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every answer, success or problem, tells browsers not to sniff its type and to use HTTPS only. */
class ResponseHeadersTest {

  @Test
  void answers_and_problems_carry_nosniff_and_hsts() {
    for (ApiResponse r : new ApiResponse[] {Api.post("/echo").json("{\"name\": \"hi\"}").send(), Api.get("/whoami").send()}) {
      assertThat(r.header("x-content-type-options")).as(r.toString()).isEqualTo("nosniff");
      assertThat(r.header("strict-transport-security")).as(r.toString()).isEqualTo("max-age=31536000; includeSubDomains");
    }
  }
}

package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cursor pagination, and that a tenant's data is found only with that tenant's credentials. */
class PaginationAndIsolationTest {

  final UUID org = UUID.randomUUID();
  final String token = Tokens.member(org, Role.USER);

  List<String> createThings(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(Api.post("/things").bearer(token).json("{\"name\": \"t" + i + "\"}").send().json().path("id").asString());
    }
    return ids;
  }

  @Nested
  class Ok {
    @Test
    void pages_follow_the_cursor_in_creation_order() {
      List<String> ids = createThings(5);
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonNode page = Api.get("/things?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).bearer(token).send().json();
        page.path("data").forEach(t -> seen.add(t.path("id").asString()));
        cursor = page.path("next_cursor").asString(null);
        pages++;
      } while (cursor != null && pages < 10);

      assertThat(seen).containsExactlyElementsOf(ids);
      assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_last_page_has_a_null_cursor() {
      createThings(1);
      JsonNode page = Api.get("/things").bearer(token).send().json();
      assertThat(page.path("data")).hasSize(1);
      assertThat(page.has("next_cursor")).isTrue();
      assertThat(page.path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void limits_out_of_range_or_not_numbers() {
      for (String limit : List.of("0", "101", "-1", "ten", "1.5")) {
        assertProblem(Api.get("/things?limit=" + limit).bearer(token).send(), 400, "invalid_parameter");
      }
    }

    @Test
    void a_cursor_that_was_not_issued() {
      assertProblem(Api.get("/things?cursor=garbage").bearer(token).send(), 400, "invalid_parameter");
      assertProblem(Api.get("/things?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("v1:nope".getBytes())).bearer(token).send(),
          400, "invalid_parameter");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organization_sees_neither_the_thing_nor_the_list() {
      String id = createThings(1).get(0);
      String stranger = Tokens.member(UUID.randomUUID(), Role.USER);

      assertThat(Api.get("/things/" + id).bearer(token).send().status()).isEqualTo(200);
      assertProblem(Api.get("/things/" + id).bearer(stranger).send(), 404, "not_found");
      assertThat(Api.get("/things").bearer(stranger).send().json().path("data")).isEmpty();
    }
  }
}

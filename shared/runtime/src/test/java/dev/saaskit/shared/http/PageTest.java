package dev.saaskit.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.problem.ApiException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void the_extra_row_becomes_a_cursor_to_the_last_row_shown() {
    List<UUID> rows = List.of(Ids.newId(), Ids.newId(), Ids.newId());
    Page<UUID> page = Page.of(rows, new PageRequest(2, null), Function.identity());

    assertThat(page.data()).containsExactly(rows.get(0), rows.get(1));
    assertThat(Page.decode(page.nextCursor())).isEqualTo(rows.get(1));
  }

  @Test
  void no_extra_row_means_no_cursor() {
    Page<UUID> page = Page.of(List.of(Ids.newId()), new PageRequest(2, null), Function.identity());
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void cursors_we_did_not_issue_are_rejected() {
    assertThatThrownBy(() -> Page.decode("%%%")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> Page.decode("djE6bm9wZQ")).isInstanceOf(ApiException.class);
  }
}

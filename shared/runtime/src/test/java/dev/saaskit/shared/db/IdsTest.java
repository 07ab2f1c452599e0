package dev.saaskit.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_are_version_7_and_sort_in_creation_order() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.newId());
    }
    assertThat(ids).allSatisfy(id -> {
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
    });
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    List<String> text = ids.stream().map(UUID::toString).toList();
    assertThat(text).isSorted();
  }

  @Test
  void ids_carry_the_time_they_were_made() {
    long before = System.currentTimeMillis();
    UUID id = Ids.newId();
    long millis = id.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, System.currentTimeMillis() + 1);
  }

  @Test
  void parse_accepts_only_the_canonical_form() {
    assertThat(Ids.parse("0190f5b8-7c5e-7d2a-9b7e-3c1f5d9e8a21")).isNotNull();
    assertThat(Ids.parse("0190F5B8-7C5E-7D2A-9B7E-3C1F5D9E8A21")).isNotNull();
    assertThat(Ids.parse("1-1-1-1-1")).isNull();
    assertThat(Ids.parse("0190f5b87c5e7d2a9b7e3c1f5d9e8a21")).isNull();
    assertThat(Ids.parse("0190f5b8-7c5e-7d2a-9b7e-3c1f5d9e8a2g")).isNull();
    assertThat(Ids.parse(null)).isNull();
  }
}

package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import dev.saaskit.shared.db.StatementException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The functions' data access ({@code dev.saaskit.shared.db}) against the real server: what each
 * type binds and reads as, the result methods' rules, refused statements and transactions.
 * Transactions are checked on {@code organizations} rows of their own, since a temporary table
 * would not outlive a statement through CI's transaction pooler.
 */
class HandleTest {

  enum Colour { RED }

  static <R> R db(Function<Handle, R> work) {
    return TestDatabase.get().withHandle(work);
  }

  static boolean organizationExists(UUID id) {
    return !TestDatabase.rows("select 1 from organizations where id = ?", id).isEmpty();
  }

  static void insertOrganization(Handle h, UUID id) {
    h.createUpdate("insert into organizations (id, name, slug) values (:id, 'Handle test', :slug)")
        .bind("id", id).bind("slug", "handle-" + id).execute();
  }

  @Nested
  class Binding {
    @Test
    void each_type_binds_as_its_sql_type_and_reads_back() {
      UUID id = UUID.randomUUID();
      Instant at = Instant.parse("2026-12-01T10:15:30.123456Z");
      OffsetDateTime offsetAt = OffsetDateTime.of(2026, 12, 1, 11, 0, 0, 0, ZoneOffset.ofHours(2));
      db(h -> {
        assertThat(h.createQuery("select :v::text").bind("v", "it's").mapTo(String.class).one()).isEqualTo("it's");
        assertThat(h.createQuery("select pg_typeof(:v)::text").bind("v", id).mapTo(String.class).one()).isEqualTo("uuid");
        assertThat(h.createQuery("select :v").bind("v", id).mapTo(UUID.class).one()).isEqualTo(id);
        assertThat(h.createQuery("select :v + 1").bind("v", 41).mapTo(Integer.class).one()).isEqualTo(42);
        assertThat(h.createQuery("select :v + 1").bind("v", 1L << 40).mapTo(Long.class).one()).isEqualTo((1L << 40) + 1);
        assertThat(h.createQuery("select not :v").bind("v", false).mapTo(Boolean.class).one()).isTrue();
        assertThat(h.createQuery("select :v * 2").bind("v", 1.25).mapTo(Double.class).one()).isEqualTo(2.5);
        assertThat(h.createQuery("select cast(:v as timestamptz)").bind("v", at).mapTo(Instant.class).one()).isEqualTo(at);
        assertThat(h.createQuery("select cast(:v as timestamptz)").bind("v", offsetAt).mapTo(OffsetDateTime.class).one().toInstant())
            .isEqualTo(offsetAt.toInstant());
        assertThat(h.createQuery("select :v + 1").bind("v", LocalDate.of(2026, 12, 31)).mapTo(LocalDate.class).one())
            .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(h.createQuery("select :v::text").bind("v", Colour.RED).mapTo(String.class).one()).isEqualTo("RED");
        assertThat(h.createQuery("select encode(:v, 'hex')").bind("v", "ab".getBytes(StandardCharsets.UTF_8)).mapTo(String.class).one())
            .isEqualTo("6162");
        assertThat(h.createQuery("select array_length(:v, 1)").bind("v", new String[] {"a", "b"}).mapTo(Integer.class).one()).isEqualTo(2);
        return null;
      });
    }

    @Test
    void a_collection_binds_as_one_sql_array_of_the_element_type() {
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      List<UUID> found = db(h -> h.createQuery("select x from unnest(:all) as x where x = any(:wanted) order by x::text")
          .bindArray("all", UUID.class, List.of(a, b, UUID.randomUUID()))
          .bindArray("wanted", UUID.class, List.of(a, b))
          .mapTo(UUID.class).list());
      assertThat(found).containsExactlyInAnyOrder(a, b);
      String type = db(h -> h.createQuery("select pg_typeof(:v)::text").bindArray("v", Integer.class, List.of(1, 2)).mapTo(String.class).one());
      assertThat(type).isEqualTo("integer[]");
    }

    @Test
    void a_null_keeps_the_type_of_its_overload_and_an_untyped_one_takes_the_statements() {
      db(h -> {
        assertThat(h.createQuery("select pg_typeof(:v)::text").bind("v", (String) null).mapTo(String.class).one()).isEqualTo("character varying");
        assertThat(h.createQuery("select pg_typeof(:v)::text").bind("v", (Long) null).mapTo(String.class).one()).isEqualTo("bigint");
        assertThat(h.createQuery("select cast(:v as uuid) is null").bind("v", (Object) null).mapTo(Boolean.class).one()).isTrue();
        assertThat(h.createQuery("select :v::int").bind("v", (Object) null).mapTo(Integer.class).one()).isNull();
        return null;
      });
    }

    @Test
    void a_statement_missing_a_value_or_given_an_unused_one_is_refused_before_it_is_sent() {
      db(h -> {
        assertThatThrownBy(() -> h.createQuery("select :a, :b").bind("a", 1).mapTo(Integer.class).list())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":b");
        assertThatThrownBy(() -> h.createQuery("select :a").bind("a", 1).bind("typo", 2).mapTo(Integer.class).list())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":typo");
        assertThatThrownBy(() -> h.createUpdate("select ?").execute()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.createQuery("select :v").bind("v", new Object()).mapTo(String.class).one())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThat(h.statements()).isZero();
        return null;
      });
    }
  }

  @Nested
  class Results {
    static final String THREE = "select x from generate_series(1, 3) as x";

    @Test
    void one_is_the_only_row_and_refuses_none_or_several() {
      db(h -> {
        assertThat(h.createQuery("select 1").mapTo(Integer.class).one()).isEqualTo(1);
        assertThatThrownBy(() -> h.createQuery("select 1 where false").mapTo(Integer.class).one()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.createQuery(THREE).mapTo(Integer.class).one()).isInstanceOf(IllegalStateException.class);
        return null;
      });
    }

    @Test
    void find_one_is_empty_for_no_row_or_a_null_and_refuses_several() {
      db(h -> {
        assertThat(h.createQuery("select 1 where false").mapTo(Integer.class).findOne()).isEmpty();
        assertThat(h.createQuery("select null::int").mapTo(Integer.class).findOne()).isEmpty();
        assertThat(h.createQuery("select 7").mapTo(Integer.class).findOne()).contains(7);
        assertThatThrownBy(() -> h.createQuery(THREE).mapTo(Integer.class).findOne()).isInstanceOf(IllegalStateException.class);
        return null;
      });
    }

    @Test
    void list_find_first_and_maps_read_the_rows_in_order() {
      db(h -> {
        assertThat(h.createQuery(THREE).mapTo(Integer.class).list()).containsExactly(1, 2, 3);
        assertThat(h.createQuery(THREE).map(rs -> rs.getInt("x") * 10).findFirst()).contains(10);
        assertThat(h.createQuery(THREE + " where x = 2").mapTo(Integer.class).stream().toList()).containsExactly(2);
        List<Map<String, Object>> rows = h.createQuery("select 1 as \"One\", 'a' as two").mapToMap().list();
        assertThat(rows).containsExactly(Map.of("one", 1, "two", "a"));
        return null;
      });
    }

    @Test
    void an_update_counts_its_rows_and_every_statement_is_timed() {
      UUID id = UUID.randomUUID();
      db(h -> {
        h.begin();
        insertOrganization(h, id);
        assertThat(h.createUpdate("update organizations set name = :name where id = :id").bind("name", "Renamed").bind("id", id).execute())
            .isEqualTo(1);
        assertThat(h.createUpdate("select 1").execute()).isEqualTo(-1);
        assertThat(h.statements()).isEqualTo(3);
        assertThat(h.statementNanos()).isPositive();
        return null;
      });
      assertThat(organizationExists(id)).isFalse();
    }
  }

  @Nested
  class Refused {
    @Test
    void a_refused_statement_is_a_statement_exception_with_the_servers_sql_state_and_no_values() {
      UUID id = UUID.randomUUID();
      StatementException e = db(h -> {
        h.begin();
        insertOrganization(h, id);
        try {
          insertOrganization(h, id);
          return null;
        } catch (StatementException refused) {
          assertThat(h.statements()).isEqualTo(2);
          return refused;
        }
      });
      assertThat(e).isNotNull();
      assertThat(e.sqlState()).isEqualTo("23505");
      assertThat(Database.sqlState(e)).isEqualTo("23505");
      assertThat(e.getMessage()).doesNotContain(id.toString());
      assertThat(organizationExists(id)).isFalse();
    }
  }

  @Nested
  class Transactions {
    @Test
    void in_transaction_commits_what_returns_and_rolls_back_what_throws() {
      UUID kept = UUID.randomUUID();
      UUID dropped = UUID.randomUUID();
      db(h -> h.inTransaction(tx -> {
        insertOrganization(tx, kept);
        return null;
      }));
      assertThatThrownBy(() -> db(h -> h.inTransaction(tx -> {
        insertOrganization(tx, dropped);
        throw new IllegalStateException("after the insert");
      }))).hasMessage("after the insert");

      assertThat(organizationExists(kept)).isTrue();
      assertThat(organizationExists(dropped)).isFalse();
    }

    @Test
    void a_nested_transaction_is_the_outer_one_and_closing_a_handle_rolls_back_what_was_not_committed() {
      UUID inner = UUID.randomUUID();
      UUID open = UUID.randomUUID();
      assertThatThrownBy(() -> db(h -> h.inTransaction(tx -> {
        tx.inTransaction(nested -> {
          insertOrganization(nested, inner);
          return null;
        });
        throw new IllegalStateException("the outer one fails");
      })));
      db(h -> {
        h.begin();
        insertOrganization(h, open);
        return null;
      });

      assertThat(organizationExists(inner)).isFalse();
      assertThat(organizationExists(open)).isFalse();
    }

    @Test
    void after_a_commit_of_a_failed_transaction_the_handle_is_back_in_autocommit() {
      UUID after = UUID.randomUUID();
      db(h -> {
        h.begin();
        assertThatThrownBy(() -> h.createQuery("select 1 / 0").mapTo(Integer.class).one()).isInstanceOf(StatementException.class);
        try {
          h.commit();
        } catch (StatementException expected) {
          // The driver may report the server's rollback of the failed transaction as a failure.
        }
        insertOrganization(h, after);
        assertThat(organizationExists(after)).isTrue();
        return null;
      });
    }
  }

  @Nested
  class Files {
    @Test
    void a_statement_file_is_read_from_beside_its_class() {
      String sql = SqlFiles.load(HandleTest.class, "select_answer");
      int answer = db(h -> h.createQuery(sql).bind("answer", 42).mapTo(Integer.class).one());
      assertThat(answer).isEqualTo(42);
      assertThatThrownBy(() -> SqlFiles.load(HandleTest.class, "missing"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("dev/saaskit/testkit/HandleTest/missing.sql");
    }
  }
}

package dev.saaskit.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner for every table (migrations/ownership.yaml): no module writes another's table or reads
 * one it is not allowed to, and no migration makes a table without an owner.
 */
class OwnershipTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final TableOwnership RULES = TableOwnership.read(Path.of("ownership.yaml"));

  @Test
  void every_table_has_an_owner_and_every_entry_a_table() {
    assertThat(RULES.coverage(TableOwnership.createdBy(MigratorTest.SCRIPTS))).isEmpty();
  }

  @Test
  void every_module_writes_only_its_own_tables_and_reads_only_what_it_may() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Path> module : modules().entrySet()) {
      problems.addAll(RULES.check(module.getKey(), TableOwnership.sources(module.getValue())));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void a_planted_write_into_another_domains_table_is_caught() {
    Map<String, String> planted = Map.of("Planted.java", """
        class Planted {
          void run(org.jdbi.v3.core.Handle db) {
            db.execute("update organization_members set role = 'org_admin' where user_id = ?", 1);
          }
        }
        """);

    assertThat(RULES.check("keys", planted))
        .containsExactly("keys writes organization_members (Planted.java), which identity owns: go through identity's queue or function");
  }

  @Test
  void a_planted_read_the_file_does_not_allow_is_caught_and_comments_are_not_sql() {
    Map<String, String> planted = Map.of("Planted.sql", """
        -- deleted from sessions nightly, says a comment
        select s.id from sessions s join users u on u.id = s.user_id
        """);

    assertThat(RULES.check("keys", planted)).containsExactly(
        "keys reads sessions (Planted.sql), which identity owns and ownership.yaml does not let it read",
        "keys reads users (Planted.sql), which identity owns and ownership.yaml does not let it read");
  }

  @Test
  void a_table_a_migration_adds_without_an_owner_is_caught() {
    assertThat(RULES.coverage(Set.of("audit_logs", "invoices"))).contains("table invoices has no owner in migrations/ownership.yaml");
  }

  /** shared/runtime and every module under functions/, by the name the ownership file uses. */
  static Map<String, Path> modules() throws IOException {
    Map<String, Path> modules = new java.util.TreeMap<>();
    modules.put("runtime", ROOT.resolve("shared/runtime"));
    try (Stream<Path> dirs = Files.list(ROOT.resolve("functions"))) {
      dirs.filter(Files::isDirectory).forEach(d -> modules.put(d.getFileName().toString(), d));
    }
    return modules;
  }
}

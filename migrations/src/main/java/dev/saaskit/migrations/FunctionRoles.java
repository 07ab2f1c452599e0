package dev.saaskit.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A repeatable migration that gives each module of {@code ownership.yaml} a database role, {@code
 * saaskit_<module>}, with exactly the rights the file gives it: an owner selects, inserts, updates
 * and deletes its tables' rows, a reader selects, a locker may update {@code updated_at} alone (a
 * row lock, {@code select ... for update}, asks for update rights on some column). Nothing else: no
 * DDL, no other table. Flyway runs it after the versioned migrations whenever the file changes (its
 * checksum is the file's), so a new table's rights come with the migration that makes it.
 *
 * <p>The roles cannot log in; {@code DatabaseLogins} makes the users the functions log in as.
 */
public final class FunctionRoles implements JavaMigration {

  static final String RESOURCE = "db/ownership.yaml";
  /** A column every table another module locks has; the locker may change it and nothing else. */
  static final String LOCK_COLUMN = "updated_at";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final byte[] ownershipFile;

  public FunctionRoles() {
    this(resource());
  }

  FunctionRoles(byte[] ownershipFile) {
    this.ownershipFile = ownershipFile;
  }

  /** The role of a module's functions. */
  public static String role(String module) {
    return "saaskit_" + module.replace('-', '_');
  }

  @Override
  public MigrationVersion getVersion() {
    return null;
  }

  @Override
  public String getDescription() {
    return "function roles from ownership.yaml";
  }

  @Override
  public Integer getChecksum() {
    CRC32 crc = new CRC32();
    crc.update(ownershipFile);
    return (int) crc.getValue();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String sql : statements(Ownership.parse(ownershipFile))) {
        statement.execute(sql);
      }
    }
  }

  /** The statements that make the roles and set their rights to what the file says, from any previous state. */
  static List<String> statements(Ownership ownership) {
    List<String> sql = new ArrayList<>();
    // Before PostgreSQL 15 every role may create tables in the public schema.
    sql.add("revoke create on schema public from public");
    Set<String> tables = new TreeSet<>(ownership.tables().keySet());
    tables.forEach(FunctionRoles::checkName);
    for (String module : ownership.modules()) {
      String role = role(module);
      checkName(role);
      sql.add("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then create role " + role
          + " nologin; end if; end $$");
      sql.add("grant usage on schema public to " + role);
      // Revoking a table's rights revokes its columns' too: what follows is all the role may do.
      sql.add("revoke all on table " + String.join(", ", tables) + " from " + role);
      for (Map.Entry<String, Ownership.Table> t : ownership.tables().entrySet()) {
        if (module.equals(t.getValue().owner())) {
          sql.add("grant select, insert, update, delete on table " + t.getKey() + " to " + role);
        } else if (t.getValue().readers().contains(module)) {
          sql.add("grant select on table " + t.getKey() + " to " + role);
        }
        if (t.getValue().lockers().contains(module) && !module.equals(t.getValue().owner())) {
          sql.add("grant update (" + LOCK_COLUMN + ") on table " + t.getKey() + " to " + role);
        }
      }
    }
    return sql;
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a plain PostgreSQL name");
    }
  }

  private static byte[] resource() {
    try (InputStream in = FunctionRoles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.saaskit.identity.accounts;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Rows;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.db.SqlFiles;
import dev.saaskit.shared.db.StatementException;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * People's accounts ({@code users}); every read skips soft-deleted ones. Emails are stored {@link
 * Emails#normalize normalised}, passwords as {@link Passwords} hashes.
 */
public final class Accounts {

  public static final int MAX_FULL_NAME = 200;

  private final Handle db;

  public Accounts(Handle db) {
    this.db = db;
  }

  /** An account as stored; {@code email} is normalised (NFC, lower case); {@code active} false: it signs in nowhere. */
  public record Account(
      UUID id,
      String email,
      Instant emailVerifiedAt,
      String passwordHash,
      String fullName,
      String locale,
      String timezone,
      Set<Role> platformRoles,
      boolean active,
      Instant createdAt) {

    public boolean emailVerified() {
      return emailVerifiedAt != null;
    }
  }

  private static final String COLUMNS =
      "id, email, email_verified_at, password_hash, full_name, locale, timezone, platform_roles, active, created_at";

  public Optional<Account> findByEmail(String normalizedEmail) {
    return db.createQuery(SqlFiles.load(Accounts.class, "find_by_email"))
        .bind("email", normalizedEmail)
        .map(rs -> read(rs))
        .findOne();
  }

  public Optional<Account> find(UUID id) {
    return db.createQuery("select " + COLUMNS + " from users where id = :id and deleted_at is null")
        .bind("id", id)
        .map(rs -> read(rs))
        .findOne();
  }

  /** Locks the account's row for the rest of the transaction (password and email changes). */
  public Optional<Account> findForUpdate(UUID id) {
    return db.createQuery("select " + COLUMNS + " from users where id = :id and deleted_at is null for update")
        .bind("id", id)
        .map(rs -> read(rs))
        .findOne();
  }

  /** True when another live account has this email. */
  public boolean emailTaken(String normalizedEmail, UUID except) {
    return db.createQuery("select count(*) from users where email = :email and deleted_at is null and id <> :except")
        .bind("email", normalizedEmail)
        .bind("except", except)
        .mapTo(Integer.class)
        .one() > 0;
  }

  /** True when a live account has this (normalised) email. */
  public boolean existsWithEmail(String normalizedEmail) {
    return db.createQuery("select exists (select 1 from users where email = :email and deleted_at is null)")
        .bind("email", normalizedEmail)
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * Inserts an account; empty when the email is already taken (by a concurrent sign-up too). An
   * invitee's address is {@code verified} at once: they proved the mailbox by holding the
   * invitation's token.
   */
  public Optional<UUID> insert(String normalizedEmail, String passwordHash, String fullName, boolean verified, Instant now) {
    UUID id = Ids.newId();
    int inserted = db.createUpdate(
            """
            insert into users (id, email, email_verified_at, password_hash, full_name, created_at, updated_at)
            values (:id, :email, :verified, :hash, :name, :now, :now)
            on conflict (email) where deleted_at is null do nothing
            """)
        .bind("id", id)
        .bind("email", normalizedEmail)
        .bind("verified", verified ? now : null)
        .bind("hash", passwordHash)
        .bind("name", fullName)
        .bind("now", now)
        .execute();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  public void updateProfile(UUID id, String fullName, String locale, String timezone, Instant now) {
    db.createUpdate(
            """
            update users set full_name = coalesce(:name, full_name), locale = coalesce(:locale, locale),
                             timezone = coalesce(:timezone, timezone), updated_at = :now
             where id = :id
            """)
        .bind("name", fullName)
        .bind("locale", locale)
        .bind("timezone", timezone)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  public void setPassword(UUID id, String passwordHash, Instant now) {
    db.createUpdate("update users set password_hash = :hash, updated_at = :now where id = :id")
        .bind("hash", passwordHash)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /**
   * Marks the email verified, first switching the account to {@code email} when that differs. A
   * concurrent claim of the same address loses to the unique index: 409.
   */
  public void verifyEmail(UUID id, String email, Instant now) {
    try {
      db.createUpdate("update users set email = :email, email_verified_at = :now, updated_at = :now where id = :id")
          .bind("email", email)
          .bind("now", now)
          .bind("id", id)
          .execute();
    } catch (StatementException e) {
      if (Rows.isUniqueViolation(e)) {
        throw new ApiException(ProblemType.CONFLICT, "another account uses this email address").code(IdentityProblem.EMAIL_TAKEN);
      }
      throw e;
    }
  }

  /**
   * Makes the account a super_admin, active, with this password hash when one is given: the
   * platform's first administrator, seeded by an operator.
   */
  void grantSuperAdmin(UUID id, String passwordHash, Instant now) {
    db.createUpdate(
            """
            update users set platform_roles = array(select distinct r from unnest(array_append(platform_roles, 'super_admin')) r),
                             password_hash = coalesce(:hash, password_hash), active = true, updated_at = :now
             where id = :id
            """)
        .bind("hash", passwordHash)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /** Soft delete: the row stays for the audit trail; the email becomes free for a new account. */
  public boolean softDelete(UUID id, Instant now) {
    return db.createUpdate("update users set deleted_at = :now, active = false, updated_at = :now where id = :id and deleted_at is null")
        .bind("now", now)
        .bind("id", id)
        .execute() == 1;
  }

  static Account read(ResultSet rs) throws SQLException {
    return new Account(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        instant(rs, "email_verified_at"),
        rs.getString("password_hash"),
        rs.getString("full_name"),
        rs.getString("locale"),
        rs.getString("timezone"),
        roles(rs.getArray("platform_roles")),
        rs.getBoolean("active"),
        instant(rs, "created_at"));
  }

  public static Set<Role> roles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (array != null) {
      for (Object code : (Object[]) array.getArray()) {
        Role.fromCode((String) code).ifPresent(roles::add);
      }
    }
    return roles;
  }

  public static List<String> codes(Set<Role> roles) {
    return roles.stream().map(Role::code).sorted().toList();
  }
}

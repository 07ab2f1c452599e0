package dev.saaskit.identity.organizations;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Rows;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.db.StatementException;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Organizations in the database. */
public final class Organizations {

  /** The plan an organization starts on unless a super_admin chooses another. */
  public static final String DEFAULT_PLAN = "free";

  /** The organizations_slug_format rule (V10): 3 to 63 of [a-z0-9-]; a suffix may follow the 40. */
  private static final int MIN_SLUG = 3;
  private static final int MAX_SLUG = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String COLUMNS =
      "o.id, o.name, o.slug, o.plan, o.settings::text as settings, o.allowed_email_domains, o.created_at, o.updated_at,"
          + " o.deleted_at, o.purge_after";

  private final Handle db;

  public Organizations(Handle db) {
    this.db = db;
  }

  /**
   * The live organization a route's {@code {id}} names, if the caller may act on it: the one their
   * access token is scoped to, while they are still an active (not suspended) member of it; an API
   * key's own (the key's statement already refused keys of deleted organizations); any
   * organization for a super_admin. Every other id, and a deleted organization, is answered as not
   * found, so a caller learns nothing about organizations that are not theirs.
   */
  public static Organization addressed(Call<?> call) {
    Organization org = addressedOrDeleted(call);
    if (org.deletedAt() != null) {
      throw ApiException.notFound("organization");
    }
    return org;
  }

  /** As {@link #addressed}, but a super_admin also gets a deleted organization. */
  static Organization addressedOrDeleted(Call<?> call) {
    UUID id = call.pathId("id");
    Caller caller = call.caller();
    boolean superAdmin = caller.isSuperAdmin();
    if (!superAdmin && !id.equals(caller.organization())) {
      throw ApiException.notFound("organization");
    }
    Optional<Membership> found = call.db().createQuery(
            "select " + COLUMNS + ", exists (select 1 from organization_members m where m.organization_id = o.id and m.user_id = :user and m.active)"
                + " as is_member from organizations o where o.id = :id")
        .bind("id", id)
        .bind("user", caller.userId())
        .map(rs -> new Membership(map(rs), rs.getBoolean("is_member")))
        .findOne();
    Membership m = found.orElseThrow(() -> ApiException.notFound("organization"));
    if (!superAdmin && (!(m.member() || caller.isApiKey()) || m.organization().deletedAt() != null)) {
      throw ApiException.notFound("organization");
    }
    return m.organization();
  }

  private record Membership(Organization organization, boolean member) {}

  public Optional<Organization> find(UUID id) {
    return db.createQuery("select " + COLUMNS + " from organizations o where o.id = :id")
        .bind("id", id)
        .map(rs -> map(rs))
        .findOne();
  }

  /** A live organization by its slug. */
  public Optional<Organization> findBySlug(String slug) {
    return db.createQuery("select " + COLUMNS + " from organizations o where o.slug = :slug and o.deleted_at is null")
        .bind("slug", slug)
        .map(rs -> map(rs))
        .findOne();
  }

  /** A new organization on the default plan with this slug; 409 when the slug is taken. */
  public Organization create(String name, String slug, Instant now) {
    return insert(Ids.newId(), name, slug, DEFAULT_PLAN, Json.object(), List.of(), now).orElseThrow(() -> slugTaken(slug));
  }

  /**
   * A new organization on the default plan, named by its first member at sign-up, with a slug
   * derived from the name: a taken slug gets a random suffix until one is free.
   */
  public Organization createForSignUp(String name, Instant now) {
    String base = slugOf(name);
    String slug = base;
    Optional<Organization> created;
    while ((created = insert(Ids.newId(), name, slug, DEFAULT_PLAN, Json.object(), List.of(), now)).isEmpty()) {
      slug = base + "-" + Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
    }
    return created.get();
  }

  /**
   * Lower-case ASCII letters and digits joined by single dashes: "Zoë's Café" -> "zoe-s-cafe". A
   * name too short for a slug gets "-org" ("B" -> "b-org"), one without letters or digits is "org".
   */
  static String slugOf(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    if (slug.length() < MIN_SLUG) {
      return slug.isEmpty() ? "org" : slug + "-org";
    }
    return slug;
  }

  /** Inserts the organization, or returns empty when the slug is taken. */
  Optional<Organization> insert(UUID id, String name, String slug, String plan, JsonNode settings, List<String> allowedEmailDomains, Instant now) {
    return db.createQuery(
            """
            insert into organizations as o (id, name, slug, plan, settings, allowed_email_domains, created_at, updated_at)
            values (:id, :name, :slug, :plan, cast(:settings as jsonb), cast(:domains as text[]), :now, :now)
            on conflict (slug) do nothing
            returning %s
            """.formatted(COLUMNS))
        .bind("id", id)
        .bind("name", name)
        .bind("slug", slug)
        .bind("plan", plan)
        .bind("settings", Json.write(settings))
        .bind("domains", allowedEmailDomains.toArray(String[]::new))
        .bind("now", now)
        .map(rs -> map(rs))
        .findOne();
  }

  /** Changes the given fields (null: unchanged); a slug another organization has is a 409. */
  Organization update(UUID id, String name, String slug, String plan, JsonNode settings, List<String> allowedEmailDomains, Instant now) {
    try {
      return db.createQuery(
              """
              update organizations as o
                 set name = coalesce(:name, name),
                     slug = coalesce(:slug, slug),
                     plan = coalesce(:plan, plan),
                     settings = coalesce(cast(:settings as jsonb), settings),
                     allowed_email_domains = coalesce(cast(:domains as text[]), allowed_email_domains),
                     updated_at = :now
               where id = :id
              returning %s
              """.formatted(COLUMNS))
          .bind("id", id)
          .bind("name", name)
          .bind("slug", slug)
          .bind("plan", plan)
          .bind("settings", settings == null ? null : Json.write(settings))
          .bind("domains", allowedEmailDomains == null ? null : allowedEmailDomains.toArray(String[]::new))
          .bind("now", now)
          .map(rs -> map(rs))
          .one();
    } catch (StatementException e) {
      if (Rows.isUniqueViolation(e)) {
        throw slugTaken(slug);
      }
      throw e;
    }
  }

  static ApiException slugTaken(String slug) {
    return new ApiException(ProblemType.CONFLICT, "the slug '" + slug + "' is taken by another organization").code(IdentityProblem.SLUG_TAKEN);
  }

  Organization softDelete(UUID id, Instant now, Instant purgeAfter) {
    return db.createQuery(
            "update organizations as o set deleted_at = :now, purge_after = :purge, updated_at = :now where id = :id returning " + COLUMNS)
        .bind("id", id)
        .bind("now", now)
        .bind("purge", purgeAfter)
        .map(rs -> map(rs))
        .one();
  }

  /** The organizations a user is an active member of, live ones only. */
  List<Organization> listOfMember(UUID user, PageRequest page) {
    return db.createQuery(
            """
            select %s
              from organizations o join organization_members m on m.organization_id = o.id
             where m.user_id = :user and m.active and o.deleted_at is null
               and (cast(:after as uuid) is null or o.id > :after)
             order by o.id
             limit :limit
            """.formatted(COLUMNS))
        .bind("user", user)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> map(rs))
        .list();
  }

  /** Every organization, for a super_admin: {@code query} in the name or slug, a plan, deleted ones too. */
  List<Organization> listAll(String query, String plan, boolean includeDeleted, PageRequest page) {
    return db.createQuery(
            """
            select %s
              from organizations o
             where (cast(:query as text) is null or strpos(lower(o.name), :query) > 0 or strpos(o.slug, :query) > 0)
               and (cast(:plan as text) is null or o.plan = :plan)
               and (:deleted or o.deleted_at is null)
               and (cast(:after as uuid) is null or o.id > :after)
             order by o.id
             limit :limit
            """.formatted(COLUMNS))
        .bind("query", query == null ? null : query.toLowerCase(java.util.Locale.ROOT))
        .bind("plan", plan)
        .bind("deleted", includeDeleted)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> map(rs))
        .list();
  }

  /** Throws a 400 naming the plans there are unless {@code plan} is one of them. */
  void requirePlan(String plan) {
    List<String> plans = db.createQuery("select code from plans order by code").mapTo(String.class).list();
    if (!plans.contains(plan)) {
      throw ApiException.invalid("plan", "must be one of " + plans);
    }
  }

  private static Organization map(ResultSet rs) throws SQLException {
    return new Organization(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("plan"),
        Json.tree(rs.getString("settings")),
        Rows.texts(rs, "allowed_email_domains"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "deleted_at"),
        instant(rs, "purge_after"));
  }
}

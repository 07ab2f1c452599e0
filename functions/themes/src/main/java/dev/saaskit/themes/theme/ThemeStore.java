package dev.saaskit.themes.theme;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import dev.saaskit.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The {@code themes} row of one organization: every query filters by the caller's organization. */
public final class ThemeStore {

  private static final String FIND = SqlFiles.load(ThemeStore.class, "find");

  private final Handle db;
  private final UUID organization;

  public ThemeStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  public Optional<Theme> find() {
    return db.createQuery(FIND).bind("org", organization).map(rs -> read(rs)).findOne();
  }

  /** False when the organization has a theme already. */
  boolean insert(ThemeSettings s) {
    return db.createUpdate(
            """
            insert into themes (organization_id, colors, dark_colors, heading_font, body_font, custom_css)
            values (:org, cast(:colors as jsonb), cast(:dark as jsonb), :heading, :body, :css)
            on conflict (organization_id) do nothing
            """)
        .bind("org", organization)
        .bind("colors", Json.write(s.colors()))
        .bind("dark", s.dark() == null ? null : Json.write(s.dark()))
        .bind("heading", s.fonts().heading())
        .bind("body", s.fonts().body())
        .bind("css", s.customCss())
        .execute() == 1;
  }

  /** False when the organization has no theme. */
  boolean update(ThemeSettings s) {
    return db.createUpdate(
            """
            update themes
               set colors = cast(:colors as jsonb), dark_colors = cast(:dark as jsonb), heading_font = :heading,
                   body_font = :body, custom_css = :css, version = version + 1, updated_at = now()
             where organization_id = :org
            """)
        .bind("org", organization)
        .bind("colors", Json.write(s.colors()))
        .bind("dark", s.dark() == null ? null : Json.write(s.dark()))
        .bind("heading", s.fonts().heading())
        .bind("body", s.fonts().body())
        .bind("css", s.customCss())
        .execute() == 1;
  }

  /** The settings as stored, locked for a change. */
  Optional<ThemeSettings> lockSettings() {
    return db.createQuery(
            "select colors, dark_colors, heading_font, body_font, custom_css from themes where organization_id = :org for update")
        .bind("org", organization)
        .map(rs -> settings(rs))
        .findOne();
  }

  private static ThemeSettings settings(ResultSet rs) throws SQLException {
    String dark = rs.getString("dark_colors");
    return new ThemeSettings(Json.MAPPER.readValue(rs.getString("colors"), Palette.class),
        dark == null ? null : Json.MAPPER.readValue(dark, Palette.class),
        new Fonts(rs.getString("heading_font"), rs.getString("body_font")), rs.getString("custom_css"));
  }

  private static Theme read(ResultSet rs) throws SQLException {
    ThemeSettings s = settings(rs);
    String slug = rs.getString("slug");
    int version = rs.getInt("version");
    return new Theme(s.colors(), s.dark(), s.fonts(), s.customCss(),
        asset(rs, "logo", slug, version), asset(rs, "favicon", slug, version), version,
        Theme.warnings(s.colors(), s.dark()), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  private static Theme.Asset asset(ResultSet rs, String kind, String slug, int version) throws SQLException {
    String type = rs.getString(kind + "_type");
    return type == null ? null : new Theme.Asset(SiteUrls.asset(slug, kind, version), type, rs.getInt(kind + "_size"));
  }
}

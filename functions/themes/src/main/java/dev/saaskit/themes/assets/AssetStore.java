package dev.saaskit.themes.assets;

import dev.saaskit.shared.db.Handle;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code theme_uploads} of one organization, and which of them the theme shows. */
final class AssetStore {

  /** A declared upload as stored. */
  record Declared(UUID id, AssetKind kind, String contentType, int sizeBytes, String objectKey, boolean open) {}

  private final Handle db;
  private final UUID organization;

  AssetStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  boolean hasTheme() {
    return db.createQuery("select exists (select 1 from themes where organization_id = :org)")
        .bind("org", organization).mapTo(Boolean.class).one();
  }

  void declare(UUID id, String kind, String contentType, int sizeBytes, String objectKey, Instant expiresAt) {
    db.createUpdate(
            """
            insert into theme_uploads (id, organization_id, kind, content_type, size_bytes, object_key, expires_at)
            values (:id, :org, :kind, :type, :size, :key, :expires)
            """)
        .bind("id", id).bind("org", organization).bind("kind", kind).bind("type", contentType)
        .bind("size", sizeBytes).bind("key", objectKey).bind("expires", expiresAt)
        .execute();
  }

  /** The upload, locked; open while neither completed nor expired (by the database's clock). */
  Optional<Declared> lock(UUID id) {
    return db.createQuery(
            """
            select id, kind, content_type, size_bytes, object_key, completed_at is null and expires_at > now() as open
              from theme_uploads where id = :id and organization_id = :org for update
            """)
        .bind("id", id).bind("org", organization)
        .map(rs -> new Declared(rs.getObject("id", UUID.class), AssetKind.of(rs.getString("kind")),
            rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("object_key"), rs.getBoolean("open")))
        .findOne();
  }

  /** An upload whose file was not what it declared can never complete. */
  void close(UUID id) {
    db.createUpdate("update theme_uploads set expires_at = least(expires_at, now()) where id = :id and organization_id = :org")
        .bind("id", id).bind("org", organization).execute();
  }

  /**
   * Completes the upload and makes it the theme's logo or favicon, a new version of the theme. The upload it
   * replaces is deleted in the same transaction, which leaves its file's key to {@code themes-purge-files} (V95's
   * trigger): deleting the file here, before the commit, would leave the theme naming a file that is gone if the
   * commit then failed.
   */
  void complete(Declared upload) {
    db.createUpdate("update theme_uploads set completed_at = now() where id = :id and organization_id = :org")
        .bind("id", upload.id()).bind("org", organization).execute();
    String column = upload.kind() == AssetKind.LOGO ? "logo_upload_id" : "favicon_upload_id";
    Optional<UUID> replaced = db.createQuery("select %s from themes where organization_id = :org for update".formatted(column))
        .bind("org", organization)
        .mapTo(UUID.class)
        .findOne();
    db.createUpdate("update themes set %s = :id, version = version + 1, updated_at = now() where organization_id = :org"
            .formatted(column))
        .bind("id", upload.id()).bind("org", organization)
        .execute();
    replaced.ifPresent(id -> db.createUpdate("delete from theme_uploads where id = :id and organization_id = :org")
        .bind("id", id).bind("org", organization).execute());
  }
}

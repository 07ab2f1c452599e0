package dev.saaskit.shared.storage;

import dev.saaskit.shared.db.Handle;
import java.util.List;

/**
 * A domain's keys of files whose rows were deleted (its {@code <domain>_deleted_files} table, filled by
 * a trigger on the table that holds the files, V95), so that rows deleted by an organization's purge,
 * which cascades without the domain's code, still lose their objects. The domain's schedule sweeps
 * them: each object deleted first, then its key, so a failed delete is tried again by the next run.
 */
public final class DeletedFiles {

  private DeletedFiles() {}

  /**
   * Deletes up to {@code limit} of the table's files, oldest first, skipping keys another run holds;
   * answers how many.
   *
   * @param table the domain's own table, a constant of its code (never input)
   */
  public static int sweep(Handle db, ObjectStorage storage, String table, int limit) {
    List<String> keys = db.createQuery("select object_key from " + table + " order by deleted_at limit :limit for update skip locked")
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
    for (String key : keys) {
      storage.delete(key);
    }
    if (!keys.isEmpty()) {
      db.createUpdate("delete from " + table + " where object_key = any(:keys)").bindArray("keys", String.class, keys).execute();
    }
    return keys.size();
  }
}

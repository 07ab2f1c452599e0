package dev.saaskit.themes.assets;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.themes.ThemeAction;
import dev.saaskit.themes.ThemeProblem;
import dev.saaskit.themes.theme.Theme;
import dev.saaskit.themes.theme.ThemeStore;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/themes/uploads/{id}/complete}: checks the stored file against its declaration
 * (size, type, and first bytes that really are that image type) and makes it the theme's logo or
 * favicon; the upload it replaces is deleted, and its file by the next {@code themes-purge-files}. A file that is
 * not what was declared is deleted and the upload closed.
 */
public final class CompleteThemeUpload implements Endpoint<Void, Theme> {

  private final Supplier<ObjectStorage> storage;

  public CompleteThemeUpload(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Theme> handle(Call<Void> call) {
    UUID organization = call.caller().organization();
    AssetStore assets = new AssetStore(call.db(), organization);
    AssetStore.Declared upload = assets.lock(call.pathId("id")).orElseThrow(() -> ApiException.notFound("upload"));
    if (!upload.open()) {
      throw new ApiException(ProblemType.CONFLICT, "the upload was completed already or has expired; declare a new one")
          .code(ThemeProblem.UPLOAD_CLOSED);
    }
    ObjectStorage files = storage.get();
    ObjectStorage.StoredObject stored = files.head(upload.objectKey()).orElseThrow(() -> new ApiException(ProblemType.CONFLICT,
        "no file has been stored through the upload URL yet; PUT the file there, then complete").code(ThemeProblem.UPLOAD_MISSING));
    String mismatch = mismatch(upload, stored, files);
    if (mismatch != null) {
      files.delete(upload.objectKey());
      assets.close(upload.id());
      throw new ApiException(ProblemType.CONFLICT, mismatch + "; the file was deleted, declare a new upload")
          .code(ThemeProblem.UPLOAD_MISMATCH).keepChanges();
    }
    assets.complete(upload);
    call.audit(ThemeAction.THEME_ASSET_REPLACED, "theme", organization,
        Map.of("kind", upload.kind().code(), "content_type", upload.contentType(), "size_bytes", upload.sizeBytes()));
    return Reply.ok(new ThemeStore(call.db(), organization).find().orElseThrow());
  }

  /** Why the stored file is not the declared one, or null when it is. */
  private static String mismatch(AssetStore.Declared upload, ObjectStorage.StoredObject stored, ObjectStorage files) {
    if (stored.size() != upload.sizeBytes()) {
      return "the file has " + stored.size() + " bytes, not the " + upload.sizeBytes() + " declared";
    }
    if (!upload.contentType().equals(stored.contentType())) {
      return "the file was stored as " + stored.contentType() + ", not the " + upload.contentType() + " declared";
    }
    ImageType type = ImageType.of(upload.contentType()).orElseThrow();
    byte[] first = files.firstBytes(upload.objectKey(), ImageType.SIGNATURE_BYTES).orElse(new byte[0]);
    return type.matches(first) ? null : "the file is not " + upload.contentType() + " (its first bytes say otherwise)";
  }
}

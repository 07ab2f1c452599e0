package dev.saaskit.themes.assets;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.themes.ThemeProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/themes/uploads}: declares a logo or favicon (type and size) and answers a
 * presigned URL that stores exactly that many bytes of that type, for 15 minutes. The file becomes
 * the theme's once {@code POST .../complete} has checked it.
 */
public final class CreateThemeUpload implements Endpoint<CreateThemeUpload.Request, Upload> {

  static final Duration VALID_FOR = Duration.ofMinutes(15);

  public record Request(String kind, String contentType, Integer sizeBytes) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (!v.required("kind", kind) || !v.oneOf("kind", kind, AssetKind.codes())) {
        return;
      }
      AssetKind asset = AssetKind.of(kind);
      if (v.required("content_type", contentType)) {
        if (contentType.toLowerCase(java.util.Locale.ROOT).startsWith("image/svg")) {
          v.add("content_type", "SVG is refused: it is a document that can carry scripts; upload " + asset.contentTypes());
        } else {
          v.oneOf("content_type", contentType, asset.contentTypes());
        }
      }
      if (v.required("size_bytes", sizeBytes)) {
        v.range("size_bytes", sizeBytes, 1, asset.maxBytes);
      }
    }
  }

  private final Supplier<ObjectStorage> storage;

  public CreateThemeUpload(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Upload> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    AssetStore assets = new AssetStore(call.db(), organization);
    if (!assets.hasTheme()) {
      throw new ApiException(ProblemType.CONFLICT, "the organization has no theme yet: create it with POST /api/v1/themes first")
          .code(ThemeProblem.THEME_MISSING);
    }
    UUID id = Ids.newId();
    String key = "themes/" + organization + "/" + id;
    Instant expiresAt = call.now().plus(VALID_FOR);
    assets.declare(id, r.kind(), r.contentType(), r.sizeBytes(), key, expiresAt);
    return Reply.created(new Upload(id, r.kind(), r.contentType(), r.sizeBytes(),
        storage.get().presignUpload(key, r.contentType(), r.sizeBytes(), null, VALID_FOR).url(), "PUT",
        Map.of("content-type", r.contentType()), expiresAt));
  }
}

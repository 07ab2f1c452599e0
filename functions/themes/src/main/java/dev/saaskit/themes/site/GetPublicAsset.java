package dev.saaskit.themes.site;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code GET /public/{org_slug}/assets/{kind}} (logo, favicon): a redirect to a short-lived
 * download URL of the file, which the browser may cache for a few minutes. The bytes never pass
 * through a function.
 */
public final class GetPublicAsset implements Endpoint<Void, Void> {

  static final Duration LINK_VALID_FOR = Duration.ofHours(1);

  private final Supplier<ObjectStorage> storage;

  public GetPublicAsset(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Void> handle(Call<Void> call) {
    Site site = new Site(call.db());
    Site.StoredAsset asset = site.asset(site.organization(call.path("org_slug")), call.path("kind")).orElseThrow(Site::notFound);
    return Reply.<Void>found(storage.get().presignDownload(asset.objectKey(), asset.contentType(), null, LINK_VALID_FOR))
        .withHeader("cache-control", "public, max-age=300");
  }
}

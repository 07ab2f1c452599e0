package dev.saaskit.themes.site;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /public/{org_slug}/theme}: the organization's theme as JSON, without credentials, cacheable. */
public final class GetPublicTheme implements Endpoint<Void, PublicTheme> {

  @Override
  public Reply<PublicTheme> handle(Call<Void> call) {
    Site site = new Site(call.db());
    Site.Organization organization = site.organization(call.path("org_slug"));
    return Reply.ok(PublicTheme.of(organization, site.theme(organization))).withHeader("cache-control", Site.CACHE_CONTROL);
  }
}

package dev.saaskit.themes.pages;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.themes.ThemeAction;
import java.util.Map;

/**
 * {@code PUT /api/v1/themes/pages/{slug}}: replaces the page's title, Markdown, status and SEO
 * fields; publishing shows it at its public URL, a return to draft hides it again.
 */
public final class UpdatePage implements Endpoint<UpdatePage.Request, Page> {

  public record Request(String title, String markdown, String status, Page.Seo seo) implements Validatable {
    @Override
    public void validate(Violations v) {
      PageContent.validate(v, title, markdown, status, seo);
    }
  }

  @Override
  public Reply<Page> handle(Call<Request> call) {
    Request r = call.body();
    Page page = new PageStore(call.db(), call.caller().organization())
        .update(call.path("slug"), r.title(), r.markdown(), Markdown.toHtml(r.markdown()), r.status(), r.seo())
        .orElseThrow(() -> ApiException.notFound("page"));
    call.audit(ThemeAction.PAGE_UPDATED, "page", page.id(), Map.of("slug", page.slug(), "status", page.status()));
    return Reply.ok(page);
  }
}

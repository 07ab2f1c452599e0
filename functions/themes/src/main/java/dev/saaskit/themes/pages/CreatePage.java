package dev.saaskit.themes.pages;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.themes.ThemeAction;
import dev.saaskit.themes.ThemeProblem;
import java.util.Map;

/** {@code POST /api/v1/themes/pages}: a page in Markdown, a draft or published at once. */
public final class CreatePage implements Endpoint<CreatePage.Request, Page> {

  public record Request(String slug, String title, String markdown, String status, Page.Seo seo) implements Validatable {
    @Override
    public void validate(Violations v) {
      PageContent.slug(v, slug);
      PageContent.validate(v, title, markdown, status, seo);
    }
  }

  @Override
  public Reply<Page> handle(Call<Request> call) {
    Request r = call.body();
    Page page = new PageStore(call.db(), call.caller().organization())
        .insert(Ids.newId(), r.slug(), r.title(), r.markdown(), Markdown.toHtml(r.markdown()), r.status(), r.seo())
        .orElseThrow(() -> new ApiException(ProblemType.CONFLICT, "the organization has a page '" + r.slug() + "'")
            .code(ThemeProblem.PAGE_EXISTS));
    call.audit(ThemeAction.PAGE_CREATED, "page", page.id(), Map.of("slug", page.slug(), "status", page.status()));
    return Reply.created(page);
  }
}

package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.NotificationProblem;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.UUID;

/** Finding a template to change: the organization's own, or a refusal that says why. */
final class TemplateAccess {

  private TemplateAccess() {}

  /** The organization's own template, locked; a platform default is 403, anything else 404. */
  static Template ownOrRefuse(Templates templates, UUID id) {
    return templates.lockOwn(id).orElseThrow(() -> templates.find(id, null).filter(Template::platformDefault).isPresent()
        ? new ApiException(ProblemType.FORBIDDEN,
            "the platform's default templates cannot be changed; create a template with the same name, channel and locale to override it")
            .code(NotificationProblem.PLATFORM_TEMPLATE)
        : ApiException.notFound("template"));
  }
}

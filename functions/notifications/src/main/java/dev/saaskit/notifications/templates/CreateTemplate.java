package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.Category;
import dev.saaskit.notifications.Channel;
import dev.saaskit.notifications.NotificationAction;
import dev.saaskit.notifications.NotificationProblem;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/notifications/templates}: a template of the caller's organization, version 1.
 * One with the name and channel of a platform default overrides it for the organization's messages.
 */
public final class CreateTemplate implements Endpoint<CreateTemplate.Request, Template> {

  /**
   * @param locale a language tag such as {@code en} or {@code de-CH}; default {@code en}
   * @param category default: the overridden platform template's, else {@code updates}
   * @param variables the names a message must give values for
   */
  public record Request(
      String name, String channel, String locale, String category, String subject, String body, String htmlBody, List<String> variables)
      implements Validatable {
    @Override
    public void validate(Violations v) {
      v.pattern("name", name, TemplateRules.NAME, "lower-case letters, digits and '_', starting with a letter, at most 64");
      boolean channelValid = v.required("channel", channel) && v.oneOf("channel", channel, Channel.CODES);
      if (locale != null) {
        v.pattern("locale", locale, TemplateRules.LOCALE, "a language tag such as en or de-CH");
      }
      v.oneOf("category", category, Category.CODES);
      TemplateRules.content(v, channelValid ? channel : null, subject, body, htmlBody, variables);
    }
  }

  @Override
  public Reply<Template> handle(Call<Request> call) {
    Request r = call.body();
    Templates templates = new Templates(call.db(), call.caller().organization());
    List<String> variables = r.variables() == null ? List.of() : r.variables();
    Optional<Template> platformDefault = templates.platformDefault(r.name(), r.channel());
    String category = TemplateRules.category(r.category(), variables, platformDefault);
    String locale = r.locale() == null ? Templates.FALLBACK_LOCALE : r.locale();
    UUID id = Ids.newId();
    Templates.Content content = new Templates.Content(r.subject(), r.body(), r.htmlBody(), variables);
    if (!templates.insert(id, r.name(), r.channel(), locale, category, content, call.caller().userId(), call.caller().apiKeyId())) {
      throw new ApiException(ProblemType.CONFLICT,
          "the organization already has a template " + r.name() + " for " + r.channel() + " in " + locale + "; change it with PUT")
          .code(NotificationProblem.TEMPLATE_EXISTS);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", r.name());
    details.put("channel", r.channel());
    details.put("locale", locale);
    details.put("overrides_platform_default", platformDefault.isPresent());
    call.audit(NotificationAction.TEMPLATE_CREATED, "notification_template", id, details);
    Template created = templates.find(id, null).orElseThrow();
    return Reply.created(created).withHeader("location", "/api/v1/notifications/templates/" + id);
  }
}

package dev.saaskit.notifications.sending;

import dev.saaskit.notifications.Category;
import dev.saaskit.notifications.Channel;
import dev.saaskit.notifications.NotificationAction;
import dev.saaskit.notifications.feedback.Suppressions;
import dev.saaskit.notifications.preferences.Preferences;
import dev.saaskit.notifications.templates.Template;
import dev.saaskit.notifications.templates.Templates;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/notifications}: a message from the organization to its members (by user id)
 * or to addresses, on one or more channels, from a template (rendered per recipient, in the
 * recipient's locale where the template has one) or as raw content; now, or at {@code send_at}.
 * Answers with the message and one delivery per recipient and channel: queued, or suppressed with
 * the reason (the member turned the category off, the address bounced, the recipient has no
 * address for the channel). In-app deliveries due now are in the inbox when this answers; email
 * and SMS go out through the queue right after.
 */
public final class SendNotification implements Endpoint<SendNotification.Request, NotificationView> {

  static final int MAX_RECIPIENTS = 100;
  static final Duration MAX_DELAY = Duration.ofDays(90);
  static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  static final Pattern TEMPLATE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2}|-[0-9]{3})?");

  /** Exactly one of the three: a member of the organization, an email address, or a phone number (E.164). */
  public record Recipient(UUID userId, String email, String phone) {}

  /** A message without a template, sent as written. */
  public record Content(String subject, String body, String htmlBody) {}

  /**
   * @param template a template's name; or {@code content}
   * @param locale the recipients' language (default: each member's own, else {@code en})
   * @param category with {@code content} only: what the message is about (default {@code updates})
   * @param sendAt when to send it; default now
   */
  public record Request(
      String template, Content content, Map<String, Object> variables, String locale, String category,
      List<Recipient> recipients, List<String> channels, Instant sendAt) implements Validatable {
    @Override
    public void validate(Violations v) {
      if ((template == null) == (content == null)) {
        v.add("template", "give either template or content");
      }
      if (template != null) {
        v.pattern("template", template, TEMPLATE, "a template name");
      }
      if (content != null) {
        content(v);
      }
      if (category != null) {
        if (template != null) {
          v.add("category", "a template's category applies; give category only with content");
        } else {
          v.oneOf("category", category, Category.CHOOSABLE);
        }
      }
      if (locale != null) {
        v.pattern("locale", locale, LOCALE, "a language tag such as en or de-CH");
      }
      variables(v);
      recipients(v);
      if (v.required("channels", channels) && v.distinct("channels", channels)) {
        if (channels.isEmpty()) {
          v.add("channels", "must name at least one channel");
        }
        for (int i = 0; i < channels.size(); i++) {
          v.oneOf("channels[" + i + "]", channels.get(i), Channel.CODES);
        }
      }
      if (sendAt != null && sendAt.isAfter(Instant.now().plus(MAX_DELAY))) {
        v.add("send_at", "must be within " + MAX_DELAY.toDays() + " days");
      }
    }

    private void content(Violations v) {
      if (v.required("content.body", content.body())) {
        text(v, "content.body", content.body(), 50_000, true);
      }
      if (content.subject() != null) {
        text(v, "content.subject", content.subject(), 200, false);
      } else if (channels != null && channels.contains(Channel.EMAIL.code())) {
        v.add("content.subject", "is required for email");
      }
      if (content.htmlBody() != null) {
        text(v, "content.html_body", content.htmlBody(), 200_000, true);
      }
    }

    private void variables(Violations v) {
      if (variables == null) {
        return;
      }
      if (variables.size() > 50) {
        v.add("variables", "must have at most 50 names");
      }
      variables.forEach((name, value) -> {
        if (!(value == null || value instanceof String || value instanceof Number || value instanceof Boolean)) {
          v.add("variables." + name, "must be a string, a number, true, false or null");
        } else if (value instanceof String s && s.length() > 10_000) {
          v.add("variables." + name, "must be at most 10000 characters");
        }
      });
    }

    private void recipients(Violations v) {
      if (!v.required("recipients", recipients) || !v.distinct("recipients", recipients)) {
        return;
      }
      if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
        v.add("recipients", "must have 1 to " + MAX_RECIPIENTS + " recipients");
      }
      for (int i = 0; i < recipients.size(); i++) {
        Recipient r = recipients.get(i);
        String field = "recipients[" + i + "]";
        long given = Stream.of(r.userId(), r.email(), r.phone()).filter(Objects::nonNull).count();
        if (given != 1) {
          v.add(field, "give exactly one of user_id, email and phone");
        } else if (r.email() != null) {
          v.email(field + ".email", r.email());
        } else if (r.phone() != null) {
          v.pattern(field + ".phone", r.phone(), PHONE, "a phone number in E.164 form, such as +41791234567");
        }
      }
    }

    private static void text(Violations v, String field, String value, int max, boolean multiline) {
      if (value.isBlank()) {
        v.add(field, "must not be blank");
      } else if (value.length() > max) {
        v.add(field, "must be at most " + max + " characters");
      } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' && !(multiline && (c == '\n' || c == '\r')))) {
        v.add(field, "must not contain control characters");
      }
    }
  }

  private final Dispatcher dispatcher;

  public SendNotification(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public Reply<NotificationView> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    Map<UUID, Members.Member> members = members(call, r.recipients());
    Templates templates = new Templates(call.db(), organization);
    Map<String, Template> resolved = new HashMap<>();
    Map<String, Object> variables = r.variables() == null ? Map.of() : r.variables();
    List<Planned> planned = new ArrayList<>();
    for (Recipient recipient : r.recipients()) {
      Members.Member member = recipient.userId() == null ? null : members.get(recipient.userId());
      String locale = r.locale() != null ? r.locale() : member != null && member.locale() != null ? member.locale() : Templates.FALLBACK_LOCALE;
      for (String channel : r.channels()) {
        Template template = null;
        if (r.template() != null) {
          template = resolved.computeIfAbsent(channel + "/" + locale,
              key -> templates.resolve(r.template(), channel, localeOrFallback(locale)).orElse(null));
          if (template == null) {
            throw ApiException.invalid("template", "there is no " + channel + " template named " + r.template());
          }
        }
        planned.add(new Planned(recipient, member, channel, template));
      }
    }
    String category = category(r, resolved.values());
    missingVariables(resolved.values(), variables);

    Instant sendAt = r.sendAt() == null || r.sendAt().isBefore(call.now()) ? call.now() : r.sendAt();
    UUID id = Ids.newId();
    Notifications.insert(call.db(), new Notifications.NewNotification(id, organization, "api", null, r.template(), category,
        r.locale() == null ? Templates.FALLBACK_LOCALE : r.locale(),
        r.content() == null ? null : r.content().subject(), r.content() == null ? null : r.content().body(),
        r.content() == null ? null : r.content().htmlBody(), Json.write(variables), sendAt, call.caller().userId(), call.caller().apiKeyId()));
    boolean dueNow = !sendAt.isAfter(call.now());
    boolean sendsThroughQueue = false;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Planned p : planned) {
      Notifications.NewDelivery d = p.delivery(call, organization, category);
      UUID deliveryId = Notifications.insertDelivery(call.db(), Ids.newId(), id, organization, d, sendAt);
      if ("queued".equals(d.status()) && dueNow && p.channel().equals(Channel.IN_APP.code())) {
        // In-app needs no provider: it is stored in the request's own transaction.
        dispatcher.deliver(call.db(), deliveryId);
      } else if ("queued".equals(d.status()) && dueNow) {
        sendsThroughQueue = true;
      }
      counts.merge(d.status(), 1, Integer::sum);
    }
    if (sendsThroughQueue) {
      call.publish("notifications", QueuedMessage.due(id));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("template", r.template());
    details.put("channels", r.channels());
    details.put("recipients", r.recipients().size());
    details.put("send_at", sendAt);
    details.put("deliveries", counts);
    call.audit(NotificationAction.NOTIFICATION_SENT, "notification", id, details);
    NotificationView view = new NotificationView(id, r.template(), category, r.content() == null ? null : r.content().subject(),
        r.content() == null ? null : r.content().body(), sendAt, call.now(), null, null,
        Notifications.deliveries(call.db(), id, organization, null));
    return Reply.created(view).withHeader("location", "/api/v1/notifications/" + id);
  }

  private static String localeOrFallback(String locale) {
    return LOCALE.matcher(locale).matches() ? locale : Templates.FALLBACK_LOCALE;
  }

  /** One recipient on one channel, with the template it renders. */
  private record Planned(Recipient recipient, Members.Member member, String channel, Template template) {

    Notifications.NewDelivery delivery(Call<?> call, UUID organization, String category) {
      UUID templateId = template == null ? null : template.id();
      Integer version = template == null ? null : template.version();
      String address = switch (Channel.fromCode(channel).orElseThrow()) {
        case EMAIL -> member != null ? member.email() : recipient.email();
        case SMS -> recipient.phone();
        case IN_APP -> null;
      };
      UUID user = member == null ? null : member.id();
      String status = "queued";
      String reason = null;
      String channelCategory = template == null ? category : template.category();
      if (channel.equals(Channel.IN_APP.code()) ? user == null : address == null) {
        status = "suppressed";
        reason = "no_address";
      } else if (user != null && !new Preferences(call.db(), organization, user).allows(channelCategory, channel)) {
        status = "suppressed";
        reason = "preference";
      } else if (channel.equals(Channel.EMAIL.code())) {
        Optional<String> suppressed = Suppressions.reason(call.db(), address);
        if (suppressed.isPresent()) {
          status = "suppressed";
          reason = suppressed.get();
        }
      }
      return new Notifications.NewDelivery(templateId, version, channel, user, address, status, reason);
    }
  }

  private static Map<UUID, Members.Member> members(Call<Request> call, List<Recipient> recipients) {
    List<UUID> ids = recipients.stream().map(Recipient::userId).filter(Objects::nonNull).toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Members.Member> found = Members.find(call.db(), call.caller().organization(), ids);
    Violations v = new Violations();
    for (int i = 0; i < recipients.size(); i++) {
      UUID user = recipients.get(i).userId();
      if (user != null && !found.containsKey(user)) {
        v.add("recipients[" + i + "].user_id", "is not an active member of the organization");
      }
    }
    v.throwIfAny();
    return found;
  }

  /** The message's category: its template's, which must not be security (those are the platform's to send), or the request's. */
  private static String category(Request r, java.util.Collection<Template> templates) {
    if (r.template() == null) {
      return r.category() == null ? Category.UPDATES.code() : r.category();
    }
    Set<String> categories = new LinkedHashSet<>();
    templates.forEach(t -> categories.add(t.category()));
    if (categories.contains(Category.SECURITY.code())) {
      throw ApiException.invalid("template", "security messages are sent by the platform only");
    }
    return categories.iterator().next();
  }

  private static void missingVariables(java.util.Collection<Template> templates, Map<String, Object> given) {
    Set<String> missing = new TreeSet<>();
    templates.forEach(t -> t.variables().stream().filter(name -> !given.containsKey(name)).forEach(missing::add));
    if (!missing.isEmpty()) {
      Violations v = new Violations();
      missing.forEach(name -> v.add("variables." + name, "is required by the template"));
      v.throwIfAny();
    }
  }
}

package dev.saaskit.billing.checkout;

import com.stripe.model.billingportal.Session;
import com.stripe.param.billingportal.SessionCreateParams;
import dev.saaskit.billing.BillingAction;
import dev.saaskit.billing.BillingProblem;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/billing/portal-sessions}: a link to Stripe's Customer Portal for the
 * organization's customer, where payment methods, invoices and cancellation are managed. What
 * changes there reaches billing through the webhook.
 */
public final class CreatePortalSession implements Endpoint<CreatePortalSession.Request, CreatePortalSession.Response> {

  public record Request(String returnUrl) implements Validatable {
    @Override
    public void validate(Violations v) {
      ReturnUrls.check(v, "return_url", returnUrl);
    }
  }

  public record Response(String url) {}

  private final StripeApi stripe;

  public CreatePortalSession(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    Customers.BillingCustomer customer = Customers.find(call.db(), call.caller().organization())
        .orElseThrow(() -> new ApiException(ProblemType.CONFLICT, "the organization has no billing account yet: subscribe first")
            .code(BillingProblem.NO_BILLING_ACCOUNT));
    SessionCreateParams params = SessionCreateParams.builder()
        .setCustomer(customer.stripeCustomerId())
        .setReturnUrl(call.body().returnUrl())
        .build();
    Session session = stripe.change("portal-" + customer.organizationId() + "-" + call.requestId(),
        (c, o) -> c.v1().billingPortal().sessions().create(params, o));
    call.audit(BillingAction.PORTAL_SESSION_CREATED, "portal_session", session.getId(), Map.of());
    return Reply.created(new Response(session.getUrl()));
  }
}

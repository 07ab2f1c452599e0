package dev.saaskit.shared.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure that becomes an {@code application/problem+json} response. The detail is public; the
 * cause, if any, is only logged.
 */
public class ApiException extends RuntimeException {

  private final ProblemType type;
  private final String detail;
  private final List<FieldError> errors;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, Object> extensions = new LinkedHashMap<>();
  private boolean keepsChanges;
  private String code;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public ApiException(ProblemType type, String detail, Throwable cause) {
    this(type, detail, List.of(), cause);
  }

  public ApiException(ProblemType type, String detail, List<FieldError> errors, Throwable cause) {
    super(type.code() + ": " + detail, cause, false, false);
    this.type = type;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String what) {
    return new ApiException(ProblemType.NOT_FOUND, what + " not found");
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(
        ProblemType.VALIDATION_FAILED, field + ": " + message, List.of(new FieldError(field, message)), null);
  }

  public ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The stable code that tells this case apart from others of its type. */
  public ApiException code(ProblemCode code) {
    this.code = code.code();
    return this;
  }

  /** An extra member of the problem object, e.g. {@code limit} and {@code current} for limits. */
  public ApiException extension(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  /**
   * Commits what the request wrote before answering with this problem, where the failure itself
   * must leave a trace: a failed sign-in counts against the limit and is audited, a reused refresh
   * token's family stays revoked. Outbox messages are sent as after any commit.
   */
  public ApiException keepChanges() {
    keepsChanges = true;
    return this;
  }

  public boolean keepsChanges() {
    return keepsChanges;
  }

  public ProblemType type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}

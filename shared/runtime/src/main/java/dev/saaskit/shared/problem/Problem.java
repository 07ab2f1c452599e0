package dev.saaskit.shared.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The RFC 9457 problem document, as serialised in every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String code,
    String detail,
    String requestId,
    List<FieldError> errors,
    @JsonAnyGetter Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ApiException e, String requestId) {
    ProblemType t = e.type();
    return new Problem(t.uri(), t.title(), t.status(), e.code(), e.detail(), requestId, e.errors(), e.extensions());
  }
}

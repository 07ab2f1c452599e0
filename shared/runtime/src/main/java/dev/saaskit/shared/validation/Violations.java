package dev.saaskit.shared.validation;

import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.FieldError;
import dev.saaskit.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every field error of a request, so the caller learns all of them at once. */
public final class Violations {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  private final List<FieldError> errors = new ArrayList<>();

  public Violations add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a 400 naming every collected error, if there is any. */
  public void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are not valid";
    throw new ApiException(ProblemType.VALIDATION_FAILED, detail, errors, null);
  }

  public boolean required(String field, Object value) {
    if (value == null) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  /** Required, non-blank, and at most {@code max} characters. */
  public boolean text(String field, String value, int max) {
    if (!required(field, value)) {
      return false;
    }
    return optionalText(field, value, max);
  }

  public boolean optionalText(String field, String value, int max) {
    if (value == null) {
      return true;
    }
    if (value.isBlank()) {
      add(field, "must not be blank");
      return false;
    }
    if (value.codePointCount(0, value.length()) > max) {
      add(field, "must be at most " + max + " characters");
      return false;
    }
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      add(field, "must not contain control characters");
      return false;
    }
    return true;
  }

  public boolean email(String field, String value) {
    if (!required(field, value)) {
      return false;
    }
    if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
      add(field, "must be an email address");
      return false;
    }
    if (value.codePoints().anyMatch(Violations::invisible)) {
      add(field, "must not contain control, format (zero-width) or space characters");
      return false;
    }
    return true;
  }

  /** Characters no address may hold, which would let two look-alike addresses be different accounts. */
  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || Character.isSpaceChar(c) || Character.isWhitespace(c);
  }

  public boolean pattern(String field, String value, Pattern pattern, String description) {
    if (!required(field, value)) {
      return false;
    }
    if (!pattern.matcher(value).matches()) {
      add(field, "must be " + description);
      return false;
    }
    return true;
  }

  public boolean range(String field, Number value, long min, long max) {
    if (value == null) {
      return true;
    }
    if (value.longValue() < min || value.longValue() > max) {
      add(field, "must be between " + min + " and " + max);
      return false;
    }
    return true;
  }

  public boolean bytesBetween(String field, String value, int minChars, int maxBytes) {
    if (!required(field, value)) {
      return false;
    }
    if (value.length() < minChars) {
      add(field, "must be at least " + minChars + " characters");
      return false;
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      add(field, "must be at most " + maxBytes + " bytes");
      return false;
    }
    return true;
  }

  public <T> boolean oneOf(String field, T value, Collection<T> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(field, "must be one of " + allowed);
      return false;
    }
    return true;
  }

  public boolean future(String field, Instant value, Instant now) {
    if (value != null && !value.isAfter(now)) {
      add(field, "must be in the future");
      return false;
    }
    return true;
  }

  /** Each element present, and none twice. */
  public boolean distinct(String field, List<?> values) {
    if (values == null) {
      return true;
    }
    // Not values.contains(null): an immutable list (List.of) throws on that instead of answering.
    if (values.stream().anyMatch(java.util.Objects::isNull)) {
      add(field, "must not contain null");
      return false;
    }
    if (new java.util.HashSet<>(values).size() != values.size()) {
      add(field, "must not contain duplicates");
      return false;
    }
    return true;
  }
}

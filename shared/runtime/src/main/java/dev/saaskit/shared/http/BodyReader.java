package dev.saaskit.shared.http;

import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.FieldError;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Turns a request body into the endpoint's request record, or a 4xx that says what is wrong. */
final class BodyReader {

  private BodyReader() {}

  static <I> I read(byte[] body, String contentType, Class<I> type, int maxBytes) {
    if (body.length > maxBytes) {
      throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the request body is " + body.length + " bytes; the limit is " + maxBytes);
    }
    if (body.length == 0) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "a JSON object body is required");
    }
    if (!isJson(contentType)) {
      throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "content-type " + (contentType == null ? "is missing" : "'" + contentType + "' is not supported") + "; send application/json");
    }
    I value;
    try {
      value = Json.MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw fieldError(path(e), "is not a known field");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw fieldError(path(e), cause.getMessage() == null ? "is not valid" : cause.getMessage());
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw new ApiException(ProblemType.MALFORMED_JSON, "the request body must be a JSON object");
      }
      throw fieldError(field, "must be " + describe(e));
    } catch (InputCoercionException e) {
      throw fieldError(path(e), "is out of range");
    } catch (StreamReadException e) {
      var location = e.getLocation();
      throw new ApiException(ProblemType.MALFORMED_JSON,
          "the request body is not valid JSON" + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    } catch (DatabindException e) {
      throw fieldError(path(e), "is not valid");
    } catch (JacksonException e) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "the request body is not valid JSON");
    }
    if (value == null) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "the request body must be a JSON object");
    }
    if (value instanceof Validatable validatable) {
      Violations violations = new Violations();
      validatable.validate(violations);
      violations.throwIfAny();
    }
    return value;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
  }

  private static ApiException fieldError(String field, String message) {
    String name = field.isEmpty() ? "body" : field;
    return new ApiException(ProblemType.VALIDATION_FAILED, name + ": " + message, List.of(new FieldError(name, message)), null);
  }

  /** {@code rate_limit.requests}, {@code scopes[2]}: the JSON path of the offending value. */
  private static String path(JacksonException e) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String describe(MismatchedInputException e) {
    Class<?> t = e.getTargetType();
    if (t == null) {
      return "of another type";
    }
    if (e instanceof InvalidFormatException && t.isEnum()) {
      return "one of " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT)).toList();
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(t) || t == double.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == UUID.class) {
      return "a UUID";
    }
    if (Temporal.class.isAssignableFrom(t)) {
      return "an ISO-8601 timestamp such as 2030-01-31T12:00:00Z";
    }
    if (Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "an object";
    }
    if (t.isEnum()) {
      return "one of " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT)).toList();
    }
    return "an object";
  }
}

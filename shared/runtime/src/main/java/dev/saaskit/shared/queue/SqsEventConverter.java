package dev.saaskit.shared.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeType;

/**
 * Reads an SQS event with Lambda's own event deserialiser. Without it Spring Cloud Function's
 * functional registration binds the event with plain Jackson, which finds no {@code records} in
 * Lambda's {@code "Records"} and hands the consumer an empty batch (whose messages SQS then
 * deletes as processed). The adapter's own AWS-types converter is registered too late to be used.
 */
public final class SqsEventConverter extends AbstractMessageConverter {

  public SqsEventConverter() {
    super(new MimeType("application", "json"));
  }

  @Override
  protected boolean supports(Class<?> type) {
    return type == SQSEvent.class;
  }

  @Override
  protected boolean canConvertTo(Object payload, MessageHeaders headers) {
    return false;
  }

  @Override
  protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
    byte[] json = switch (message.getPayload()) {
      case byte[] bytes -> bytes;
      case String text -> text.getBytes(StandardCharsets.UTF_8);
      default -> null;
    };
    if (json == null) {
      return null;
    }
    return LambdaEventSerializers.serializerFor(SQSEvent.class, SqsEventConverter.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(json));
  }
}

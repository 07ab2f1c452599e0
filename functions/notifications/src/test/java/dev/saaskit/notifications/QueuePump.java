package dev.saaskit.notifications;

import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.model.Message;

/** The test kit's {@link dev.saaskit.testkit.QueuePump} with the SMTP relay up, for the consumers that send mail. */
public final class QueuePump {

  private QueuePump() {}

  public static List<Message> once(String queue, String function) {
    Smtp.server();
    return dev.saaskit.testkit.QueuePump.once(queue, function);
  }

  public static List<Message> once(String queue, UnaryOperator<String> invoke) {
    Smtp.server();
    return dev.saaskit.testkit.QueuePump.once(queue, invoke);
  }

  public static List<Message> drain(String queue, String function) {
    Smtp.server();
    return dev.saaskit.testkit.QueuePump.drain(queue, function);
  }

  public static void publish(String queue, Object body, String publishedId) {
    Smtp.server();
    dev.saaskit.testkit.QueuePump.publish(queue, body, publishedId);
  }
}

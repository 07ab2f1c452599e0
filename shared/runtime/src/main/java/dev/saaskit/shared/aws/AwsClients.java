package dev.saaskit.shared.aws;

import dev.saaskit.shared.config.Settings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS SDK client of the platform is built: the JDK's URL connection (no extra HTTP
 * stack to load at cold start), short timeouts, {@code AWS_REGION}, the endpoint from {@code
 * AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} (LocalStack, moto, ElasticMQ) when set,
 * and no SDK retries: {@link dev.saaskit.shared.resilience.Outbound} is the one retry policy.
 */
public final class AwsClients {

  private AwsClients() {}

  /**
   * @param endpointSetting the service's own endpoint setting, e.g. {@code AWS_ENDPOINT_URL_SQS}
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String endpointSetting) {
    builder.httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(5))
            .build())
        .region(Region.of(Settings.get("AWS_REGION", "us-east-1")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    Settings.find(endpointSetting).or(() -> Settings.find("AWS_ENDPOINT_URL"))
        .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    return builder.build();
  }

  /** Failures worth another attempt: the service's 5xx and throttling, and the network's. */
  public static boolean isTransient(Throwable e) {
    if (e instanceof SdkServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    return e instanceof SdkClientException;
  }
}

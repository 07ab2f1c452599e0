package dev.saaskit.shared.db;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The password a client presents to RDS (or RDS Proxy) with IAM database authentication: a SigV4
 * presigned {@code GET https://host:port/?Action=connect&DBUser=user} for the service {@code
 * rds-db}, without its scheme. It is made locally from the function's credentials (no call to AWS)
 * and is accepted for 15 minutes; only logging in needs it, an open connection outlives it.
 */
final class IamAuthToken {

  static final Duration LIFETIME = Duration.ofMinutes(15);

  private IamAuthToken() {}

  static String generate(String host, int port, String user, String region, Clock clock) {
    return generate(host, port, user, region, clock, DefaultCredentialsProvider.builder().build().resolveCredentials());
  }

  static String generate(String host, int port, String user, String region, Clock clock, AwsCredentialsIdentity credentials) {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol("https")
        .host(host)
        .port(port)
        .encodedPath("/")
        .putRawQueryParameter("Action", "connect")
        .putRawQueryParameter("DBUser", user)
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
            .identity(credentials)
            .request(request)
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "rds-db")
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, LIFETIME)
            .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock))
        .request();
    return signed.getUri().toString().substring("https://".length());
  }
}

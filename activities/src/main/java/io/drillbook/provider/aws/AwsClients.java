package io.drillbook.provider.aws;

import io.drillbook.plan.DurationSyntax;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Every AWS client the provider uses, one per service, region and role, built alike: the worker's default
 * credential chain (environment, profile, SSO, web identity, instance role), or a role in the client's
 * account assumed through STS with its external id (credentials cached and refreshed per role and region);
 * the SDK's standard retry strategy, which backs off on throttling; one shared HTTP client.
 *
 * <p>Settings (environment variables of the worker, or the map tests pass):
 *
 * <ul>
 *   <li>{@code DRILLBOOK_AWS_ENDPOINT_<SERVICE>} (e.g. {@code DRILLBOOK_AWS_ENDPOINT_RDS}) or
 *       {@code DRILLBOOK_AWS_ENDPOINT_URL} for every service: send requests there instead of AWS (fakes,
 *       VPC endpoints);
 *   <li>{@code DRILLBOOK_AWS_MAX_ATTEMPTS}: attempts per call, throttling included (default 8);
 *   <li>{@code DRILLBOOK_AWS_POLL_INTERVAL}: first pause between two status polls (default 10s, plan duration
 *       syntax), doubled up to {@code DRILLBOOK_AWS_POLL_MAX} (default 60s).
 * </ul>
 */
public final class AwsClients implements AutoCloseable {

  public static final String ENDPOINT_URL = "DRILLBOOK_AWS_ENDPOINT_URL";
  public static final String ENDPOINT_PREFIX = "DRILLBOOK_AWS_ENDPOINT_";
  public static final String MAX_ATTEMPTS = "DRILLBOOK_AWS_MAX_ATTEMPTS";
  public static final String POLL_INTERVAL = "DRILLBOOK_AWS_POLL_INTERVAL";
  public static final String POLL_MAX = "DRILLBOOK_AWS_POLL_MAX";

  private static final String ROLE_SESSION = "drillbook";

  private final Map<String, String> settings;
  private final Supplier<AwsCredentialsProvider> baseCredentials;
  private final List<ExecutionInterceptor> interceptors;
  private SdkHttpClient http;
  private final ConcurrentMap<String, SdkClient> clients = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();
  private volatile AwsCredentialsProvider base;

  /**
   * @param baseCredentials the worker's own credentials (the default chain in production)
   * @param interceptors added to every client, e.g. the {@link OperationRecorder} of the least-privilege test
   */
  public AwsClients(Map<String, String> settings, Supplier<AwsCredentialsProvider> baseCredentials, List<ExecutionInterceptor> interceptors) {
    this.settings = Map.copyOf(settings);
    this.baseCredentials = baseCredentials;
    this.interceptors = List.copyOf(interceptors);
  }

  /** The worker's configuration: its environment and its default credential chain. */
  public static AwsClients fromEnvironment() {
    return new AwsClients(System.getenv(), () -> DefaultCredentialsProvider.builder().build(), List.of());
  }

  public RdsClient rds(AwsAccess access) {
    return client("rds", access, RdsClient::builder);
  }

  public Ec2Client ec2(AwsAccess access) {
    return client("ec2", access, Ec2Client::builder);
  }

  public BackupClient backup(AwsAccess access) {
    return client("backup", access, BackupClient::builder);
  }

  /** Path-style addressing when S3 is sent elsewhere: fakes and most S3-compatible endpoints know no bucket subdomains. */
  public S3Client s3(AwsAccess access) {
    boolean elsewhere = settings.containsKey(ENDPOINT_PREFIX + "S3") || settings.containsKey(ENDPOINT_URL);
    return client("s3", access, () -> S3Client.builder().forcePathStyle(elsewhere));
  }

  /**
   * A client of {@code service} for {@code access}; later helpers add their services the same way, e.g.
   * {@code client("s3", access, () -> S3Client.builder().forcePathStyle(true))}.
   *
   * @param service the endpoint setting's suffix and cache key: rds, sts, s3, ec2, backup
   */
  @SuppressWarnings("unchecked")
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
      String service, AwsAccess access, Supplier<B> builder) {
    String key = service + "|" + access.region() + "|" + access.roleArn() + "|" + access.externalId();
    return (C) clients.computeIfAbsent(key, k -> configure(builder.get(), service, access.region(), credentials(access)).build());
  }

  /** Pause before the first status poll; {@link #pollMax()} bounds the doubling. */
  public Duration pollInterval() {
    return duration(POLL_INTERVAL, Duration.ofSeconds(10));
  }

  public Duration pollMax() {
    return duration(POLL_MAX, Duration.ofSeconds(60));
  }

  private AwsCredentialsProvider credentials(AwsAccess access) {
    if (access.roleArn() == null) {
      return base();
    }
    String key = access.roleArn() + "|" + access.externalId() + "|" + access.region();
    return roles.computeIfAbsent(key, k -> {
      StsClient sts = (StsClient) clients.computeIfAbsent("sts|" + access.region() + "|base",
          s -> configure(StsClient.builder(), "sts", access.region(), base()).build());
      AssumeRoleRequest.Builder assume = AssumeRoleRequest.builder().roleArn(access.roleArn()).roleSessionName(ROLE_SESSION);
      if (access.externalId() != null) {
        assume.externalId(access.externalId());
      }
      return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(assume.build()).build();
    });
  }

  private AwsCredentialsProvider base() {
    AwsCredentialsProvider b = base;
    if (b == null) {
      synchronized (this) {
        if (base == null) {
          base = baseCredentials.get();
        }
        b = base;
      }
    }
    return b;
  }

  /** Built on first use: a worker or CLI that never talks to AWS opens no connection pool. */
  private synchronized SdkHttpClient http() {
    if (http == null) {
      http = ApacheHttpClient.builder().build();
    }
    return http;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B b, String service, String region,
      AwsCredentialsProvider credentials) {
    b.region(Region.of(region)).credentialsProvider(credentials).httpClient(http());
    int attempts = Integer.parseInt(settings.getOrDefault(MAX_ATTEMPTS, "8"));
    b.overrideConfiguration(o -> {
      o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts).build());
      interceptors.forEach(o::addExecutionInterceptor);
    });
    String endpoint = settings.getOrDefault(ENDPOINT_PREFIX + service.toUpperCase(Locale.ROOT), settings.get(ENDPOINT_URL));
    if (endpoint != null && !endpoint.isBlank()) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b;
  }

  private Duration duration(String key, Duration fallback) {
    String v = settings.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    return DurationSyntax.parse(v).orElseThrow(() -> new IllegalArgumentException(key + "=" + v + ": " + DurationSyntax.HINT));
  }

  @Override
  public void close() {
    roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
    clients.values().forEach(SdkClient::close);
    synchronized (this) {
      if (http != null) {
        http.close();
      }
    }
  }
}

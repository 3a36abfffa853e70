package io.drillbook.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A client of a Temporal service: either an external cluster chosen by the standard temporal-envconfig
 * variables ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code
 * TEMPORAL_TLS_*}, {@code TEMPORAL_PROFILE}), or the embedded test server this process started.
 */
public final class TemporalConnection implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_GRACE = Duration.ofMillis(500);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final EmbeddedTemporal embedded;
  private final String address;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client, EmbeddedTemporal embedded, String address) {
    this.stubs = stubs;
    this.client = client;
    this.embedded = embedded;
    this.address = address;
  }

  /** Connects to the cluster the environment names; fails with a clear message when it is unreachable. */
  public static TemporalConnection external(Map<String, String> env) {
    return external(env, null);
  }

  /** {@link #external(Map)} reporting the SDK's client and worker metrics to {@code metrics}. */
  public static TemporalConnection external(Map<String, String> env, MeterRegistry metrics) {
    ClientConfigProfile profile;
    try {
      profile = ClientConfigProfile.load(LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(env).build());
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot read the Temporal client configuration (TEMPORAL_* variables or the config file): "
          + e.getMessage(), ExitCodes.ENVIRONMENT);
    }
    WorkflowServiceStubsOptions stubOptions = withMetrics(profile.toWorkflowServiceStubsOptions(), metrics);
    // No address set: the SDK's default, which messages must name rather than print "null".
    String address = profile.getAddress() != null ? profile.getAddress()
        : io.temporal.serviceclient.ServiceStubsOptions.DEFAULT_LOCAL_DOCKER_TARGET;
    WorkflowServiceStubs stubs = connect(stubOptions, address);
    WorkflowClient client = WorkflowClient.newInstance(stubs, profile.toWorkflowClientOptions());
    return new TemporalConnection(stubs, client, null, address);
  }

  /** Starts an embedded test server ({@code port} 0 = any free port) and connects to it. */
  public static TemporalConnection embedded(int port) {
    return embedded(port, null);
  }

  /** {@link #embedded(int)} reporting the SDK's client and worker metrics to {@code metrics}. */
  public static TemporalConnection embedded(int port, MeterRegistry metrics) {
    EmbeddedTemporal server = EmbeddedTemporal.start(port);
    try {
      WorkflowServiceStubs stubs = connect(withMetrics(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build(), metrics), server.address());
      WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      return new TemporalConnection(stubs, client, server, server.address());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public static TemporalConnection fromSettings(DrillbookSettings settings) {
    return settings.embeddedTemporal() ? embedded(0) : external(settings.env());
  }

  /** Workers built on these stubs report through the same scope, so one registry gets both. */
  private static WorkflowServiceStubsOptions withMetrics(WorkflowServiceStubsOptions options, MeterRegistry metrics) {
    if (metrics == null) {
      return options;
    }
    Scope scope = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(metrics))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
    return WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(scope).build();
  }

  private static WorkflowServiceStubs connect(WorkflowServiceStubsOptions options, String address) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new UserError("cannot reach Temporal at " + address + " within " + CONNECT_TIMEOUT.toSeconds() + "s: "
          + "start `drillbook dev` (it prints the address to export as TEMPORAL_ADDRESS), or check TEMPORAL_ADDRESS "
          + "and the TLS/API key settings", ExitCodes.ENVIRONMENT);
    }
  }

  public WorkflowClient client() {
    return client;
  }

  public String address() {
    return address;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    // The worker has stopped by now; what may remain is a caller's long poll (an HTTP request waiting for a
    // drill's end), which would hold a graceful shutdown for up to a minute.
    stubs.shutdown();
    if (!stubs.awaitTermination(CLOSE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      stubs.shutdownNow();
      stubs.awaitTermination(CLOSE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}

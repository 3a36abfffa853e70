package io.drillbook.runtime;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
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
    ClientConfigProfile profile;
    try {
      profile = ClientConfigProfile.load(LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(env).build());
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot read the Temporal client configuration (TEMPORAL_* variables or the config file): "
          + e.getMessage(), ExitCodes.ENVIRONMENT);
    }
    WorkflowServiceStubsOptions stubOptions = profile.toWorkflowServiceStubsOptions();
    WorkflowServiceStubs stubs = connect(stubOptions, profile.getAddress());
    WorkflowClient client = WorkflowClient.newInstance(stubs, profile.toWorkflowClientOptions());
    return new TemporalConnection(stubs, client, null, profile.getAddress());
  }

  /** Starts an embedded test server ({@code port} 0 = any free port) and connects to it. */
  public static TemporalConnection embedded(int port) {
    EmbeddedTemporal server = EmbeddedTemporal.start(port);
    try {
      WorkflowServiceStubs stubs = connect(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build(), server.address());
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
    stubs.shutdown();
    stubs.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    if (embedded != null) {
      embedded.close();
    }
  }
}

package io.drillbook.runtime;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * The Java Temporal test server bound to a local port, in real time (no time skipping), for {@code
 * drillbook dev} and for {@code drill start} without a {@code TEMPORAL_ADDRESS}. It lacks visibility queries
 * and the Schedule API; drillbook never depends on either.
 *
 * <p>Built from the SDK's test services rather than {@code TestServer.createPortBoundServer}, whose close
 * waits 5 s for the calls in flight: the long polls of other {@code drillbook worker} processes last up to
 * 60 s, so every stop of {@code drillbook dev} with a worker attached took those 5 s.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  /** Enough for the answers under way to reach their clients; pollers then see their calls cancelled. */
  private static final long CLOSE_GRACE_MILLIS = 500;

  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  private EmbeddedTemporal(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /** Starts on {@code port}, or on a free port when {@code port} is 0. */
  public static EmbeddedTemporal start(int port) {
    int chosen = port == 0 ? freePort() : port;
    if (port != 0 && !isFree(port)) {
      throw new UserError("port " + port + " is already in use, so the embedded Temporal server cannot bind it: "
          + "stop what uses it or pass --temporal-port with another port", ExitCodes.ENVIRONMENT);
    }
    // Real time: time skipping locked, as createPortBoundServer(port, true) does.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(chosen, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new EmbeddedTemporal(services, builder.build().start(), chosen);
    } catch (IOException e) {
      services.close();
      throw new UserError("the embedded Temporal server cannot listen on port " + chosen + " (" + e.getMessage()
          + "): pass --temporal-port with a free port", ExitCodes.ENVIRONMENT);
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      services.close();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UserError("no free local port for the embedded Temporal server: " + e.getMessage(), ExitCodes.ENVIRONMENT);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.drillbook.runtime;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The Java Temporal test server bound to a local port, in real time (no time skipping), for {@code
 * drillbook dev} and for {@code drill start} without a {@code TEMPORAL_ADDRESS}. It lacks visibility queries
 * and the Schedule API; drillbook never depends on either.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
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
    return new EmbeddedTemporal(TestServer.createPortBoundServer(chosen, true), chosen);
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
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

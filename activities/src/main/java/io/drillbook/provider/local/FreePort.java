package io.drillbook.provider.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now. Another process may take it before the scratch
 * cluster binds it; {@link ScratchCluster#start} notices and picks another.
 */
final class FreePort {

  private FreePort() {}

  static int pick() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
    }
  }
}

package io.drillbook.provider.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A database endpoint whose target can move, like the DNS name of an RDS Multi-AZ instance or an Aurora
 * cluster: clients connect to one port; {@link #moveTo} sends new connections to another server and cuts the
 * open ones, as a failover does.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile int backend;

  TcpProxy(int backend) throws IOException {
    this.backend = backend;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("tcp-proxy").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  void moveTo(int newBackend) {
    backend = newBackend;
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), backend);
        } catch (IOException refused) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ignored) {
        // one side closed: close the other, as a broken connection would
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    moveTo(backend);
  }
}

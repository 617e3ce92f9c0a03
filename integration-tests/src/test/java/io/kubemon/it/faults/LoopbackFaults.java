package io.kubemon.it.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport faults on 127.0.0.0/8 only: a closed port, a port whose accept queue is full (the
 * kernel drops further SYNs, so a connect times out as behind a dropping firewall), and a listener
 * that only counts connections, as the host a redirect points to.
 */
final class LoopbackFaults {
  private LoopbackFaults() {}

  /** A port on 127.0.0.1 that was free a moment ago and has no listener now. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A listener that never accepts, its queue filled by our own connections. */
  static final class FullBacklog implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();
    private final boolean full;

    FullBacklog() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      boolean timedOut = false;
      for (int i = 0; i < 16 && !timedOut; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(server.getLocalSocketAddress(), 300);
          fillers.add(socket);
        } catch (SocketTimeoutException e) {
          socket.close();
          timedOut = true;
        }
      }
      full = timedOut;
    }

    /** Whether a connect to the port now times out; false where the kernel behaves otherwise. */
    boolean full() {
      return full;
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket socket : fillers) {
        socket.close();
      }
      server.close();
    }
  }

  /** Accepts and counts connections, then hangs up: nothing may ever connect here. */
  static final class CountingListener implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    CountingListener() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    server.accept().close();
                    connections.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "redirect-target");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
  /**
   * Accepts connections and never sends a byte: a port behind which the API server hangs. Counts
   * the connections, which shows how many requests the agent spent on it.
   */
  static final class Silent implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());

    Silent() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-port");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (held) {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /** A plain-HTTP server: whatever arrives, it answers {@code 400 Bad Request} and hangs up. */
  static final class PlainHttp implements AutoCloseable {
    private final ServerSocket server;

    PlainHttp() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket
                        .getOutputStream()
                        .write(
                            ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                                    + "Connection: close\r\n\r\n400 Bad Request")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    if (server.isClosed()) {
                      return;
                    }
                  }
                }
              },
              "plain-http");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}

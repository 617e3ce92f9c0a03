package io.kubemon.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of the simulator that counts the bytes each way, TLS included:
 * what the agent read from and sent to "the network". The agent's certificate check still passes,
 * as the simulator's certificate names 127.0.0.1.
 */
final class ByteRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicLong toAgent = new AtomicLong();
  private final AtomicLong fromAgent = new AtomicLong();

  private ByteRelay(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  static ByteRelay start(URI target) throws IOException {
    ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    ByteRelay relay =
        new ByteRelay(listener, new InetSocketAddress(target.getHost(), target.getPort()));
    daemon("relay-accept", relay::accept).start();
    return relay;
  }

  /** The simulator's URL with the relay's port. */
  URI url() {
    return URI.create("https://127.0.0.1:" + listener.getLocalPort());
  }

  /** Bytes the agent received, and sent, since the last reset. */
  long bytesToAgent() {
    return toAgent.get();
  }

  long bytesFromAgent() {
    return fromAgent.get();
  }

  void reset() {
    toAgent.set(0);
    fromAgent.set(0);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket agent = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        agent.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        daemon("relay-in", () -> pump(server, agent, toAgent)).start();
        daemon("relay-out", () -> pump(agent, server, fromAgent)).start();
      } catch (IOException e) {
        // The listener closed (end of the benchmark) or the simulator refused: the agent sees it.
      }
    }
  }

  private static void pump(Socket from, Socket to, AtomicLong counter) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        counter.addAndGet(n);
      }
    } catch (IOException e) {
      // One side closed; closing both below ends the other direction too.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}

package io.kubemon.it.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Node addresses a kubelet Endpoints object accepts, on this machine's loopback interface:
 * {@code 198.18.X.1 … 198.18.X.n/32} on {@code lo} (RFC 2544's benchmarking range, never routed
 * on the internet; an address on {@code lo} keeps every packet on this machine). Endpoints
 * validation refuses 127.0.0.0/8, so kwok nodes on {@code --node-ip=127.0.0.1} give the
 * Prometheus Operator nothing to write; nodes on these addresses do. X is chosen at random per
 * run so parallel runs on one machine do not share addresses.
 *
 * <p>Adding addresses needs CAP_NET_ADMIN ({@code ip addr add}); {@link #add} throws {@link
 * Unavailable} with the reason when it is refused. {@link #close()} removes exactly the addresses
 * added, also from a shutdown hook when the JVM ends by a signal.
 */
public final class NodeAddresses implements AutoCloseable {
  private final List<String> added = Collections.synchronizedList(new ArrayList<>());
  private Thread hook;

  private NodeAddresses() {}

  /** Adds {@code count} addresses; on any failure removes what it added and throws. */
  public static NodeAddresses add(int count) throws IOException {
    NodeAddresses addresses = new NodeAddresses();
    addresses.hook = new Thread(addresses::close, "kubemon-node-addresses-remove");
    Runtime.getRuntime().addShutdownHook(addresses.hook);
    try {
      String failure = null;
      for (int attempt = 0; attempt < 5 && addresses.added.size() < count; attempt++) {
        int subnet = ThreadLocalRandom.current().nextInt(1, 255);
        failure = null;
        for (int i = 1; i <= count && failure == null; i++) {
          String ip = "198.18." + subnet + "." + i;
          failure = ip("addr", "add", ip + "/32", "dev", "lo");
          if (failure == null) {
            addresses.added.add(ip);
          }
        }
        if (failure != null) {
          addresses.removeAll();
          if (!failure.contains("File exists")) {
            break;
          }
        }
      }
      if (addresses.added.size() < count) {
        throw new Unavailable(
            "cannot add node addresses 198.18.x.y/32 to lo (ip addr add needs CAP_NET_ADMIN): "
                + failure);
      }
      return addresses;
    } catch (IOException | RuntimeException e) {
      addresses.close();
      throw e;
    }
  }

  /**
   * Leaves removing the addresses to {@code plane}: it removes them after its components stopped
   * (so nothing dials an address that is gone and would leave the machine by the default route),
   * also from its shutdown hook; this object's own hook is dropped.
   */
  public synchronized void removeAfter(ControlPlane plane) {
    plane.closeAfterComponents(this);
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook removes them now.
      }
      hook = null;
    }
  }

  /** The addresses, in the order added. */
  public List<String> ips() {
    return List.copyOf(added);
  }

  @Override
  public synchronized void close() {
    removeAll();
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs this anyway.
      }
      hook = null;
    }
  }

  private synchronized void removeAll() {
    for (String ip : List.copyOf(added)) {
      try {
        String failure = ip("addr", "del", ip + "/32", "dev", "lo");
        if (failure != null) {
          System.err.println("kubemon node addresses: cannot remove " + ip + ": " + failure);
        }
      } catch (IOException e) {
        System.err.println("kubemon node addresses: cannot remove " + ip + ": " + e.getMessage());
      }
      added.remove(ip);
    }
  }

  /** Runs {@code ip ARGS}; null when it succeeded, else its error output. */
  private static String ip(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return "cannot run ip (iproute2): " + e.getMessage();
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "ip " + String.join(" ", arguments) + " did not end in 30 s";
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? null : out.strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running ip", e);
    }
  }

  /** Adding addresses is not permitted here: a reason to skip outside CI. */
  public static final class Unavailable extends IOException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }
}

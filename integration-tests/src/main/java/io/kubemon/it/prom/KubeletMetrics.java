package io.kubemon.it.prom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Per node, what a kubelet exposes to Prometheus: {@code /nodes/NODE/metrics/cadvisor}, {@code
 * /nodes/NODE/metrics/resource} and {@code /nodes/NODE/metrics}, generated from the simulator's
 * pods on that node; and what node-exporter exposes there ({@code
 * /nodes/NODE/node-exporter/metrics}, {@link NodeExporterText}). As on a real kubelet, cAdvisor
 * and the resource collector both export {@code
 * container_cpu_usage_seconds_total} and {@code container_memory_working_set_bytes} for the same
 * containers with the same values. Counters grow with the wall clock at each container's usage
 * rate, so {@code rate()} gives that rate back. Plain HTTP on loopback: the kubelet's TLS and
 * authorization are not what this stands in for.
 *
 * <p>{@link #serveNode} is one node's kubelet as Prometheus meets it on a real cluster: HTTPS on
 * the node's address, the kubelet's own paths, and a bearer token required.
 */
public final class KubeletMetrics implements AutoCloseable {
  private final ClusterStore store;
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "kubelet-metrics");
            t.setDaemon(true);
            return t;
          });
  private final long startMillis = System.currentTimeMillis();
  /** The one node served on the kubelet's own paths, or null: every node under /nodes/NODE. */
  private final String node;

  private final String bearerToken;

  private KubeletMetrics(ClusterStore store) throws IOException {
    this.store = store;
    this.node = null;
    this.bearerToken = null;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.createContext("/nodes/", this::handle);
    server.setExecutor(executor);
  }

  private KubeletMetrics(ClusterStore store, String node, InetSocketAddress address,
      SSLContext tls, String bearerToken) throws IOException {
    this.store = store;
    this.node = node;
    this.bearerToken = bearerToken;
    HttpsServer https = HttpsServer.create(address, 32);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    this.server = https;
    server.createContext("/metrics", this::handle);
    server.setExecutor(executor);
  }

  /**
   * The kubelet of {@code node} on {@code address} (a node's InternalIP, port 10250), serving
   * {@code /metrics}, {@code /metrics/cadvisor} and {@code /metrics/resource} over TLS with
   * {@code tls}'s certificate. A request without {@code Authorization: Bearer bearerToken} gets
   * 401, as a kubelet answers a client it cannot authenticate.
   */
  public static KubeletMetrics serveNode(ClusterStore store, String node,
      InetSocketAddress address, SSLContext tls, String bearerToken) throws IOException {
    KubeletMetrics metrics = new KubeletMetrics(store, node, address, tls, bearerToken);
    metrics.server.start();
    return metrics;
  }

  public static KubeletMetrics start(ClusterStore store) throws IOException {
    KubeletMetrics metrics = new KubeletMetrics(store);
    metrics.server.start();
    return metrics;
  }

  public java.net.URI url() {
    return java.net.URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<String> nodes() {
    List<String> names = new ArrayList<>();
    store.forEach(
        Resource.NODES, n -> names.add(n.getAsJsonObject("metadata").get("name").getAsString()));
    return names;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (node != null) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + bearerToken).equals(authorization)) {
        byte[] bytes = "Unauthorized\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
        return;
      }
      path = "/nodes/" + node + path;
    }
    String[] parts = path.split("/");
    // "", "nodes", NODE, "metrics"[, "cadvisor" | "resource"]
    String body;
    if (parts.length == 5 && parts[3].equals("metrics") && parts[4].equals("cadvisor")) {
      body = cadvisor(parts[2]);
    } else if (parts.length == 5 && parts[3].equals("metrics") && parts[4].equals("resource")) {
      body = resource(parts[2]);
    } else if (parts.length == 4 && parts[3].equals("metrics")) {
      body = kubelet(parts[2]);
    } else if (parts.length == 5 && parts[3].equals("node-exporter") && parts[4].equals("metrics")
        && nodes().contains(parts[2])) {
      body = NodeExporterText.of(nodeExporter(parts[2]), System.currentTimeMillis() / 1000.0);
    } else {
      body = null;
    }
    byte[] bytes =
        body == null
            ? "404 page not found\n".getBytes(StandardCharsets.UTF_8)
            : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String cadvisor(String node) {
    long now = System.currentTimeMillis();
    String cpu = capacity(node, "cpu");
    String memory = capacity(node, "memory");
    double cores = cpu == null ? 4 : cpu.endsWith("m")
        ? Long.parseLong(cpu.substring(0, cpu.length() - 1)) / 1000.0 : Double.parseDouble(cpu);
    return CadvisorText.stamped(CadvisorText.of(podsOn(node), diskBytes(node), cores,
        memory == null ? 16L << 30 : bytes(memory), uptime(now)), now);
  }

  private String resource(String node) {
    long now = System.currentTimeMillis();
    return ResourceText.of(podsOn(node), uptime(now), now);
  }

  /**
   * What node-exporter on {@code node} serves at {@code /nodes/NODE/node-exporter/metrics}: the
   * node's CPUs (its capacity, at least one), booted when the counters started (ten minutes before
   * this server), its ephemeral storage as root filesystem.
   */
  public NodeExporterText.Node nodeExporter(String node) {
    String cpu = capacity(node, "cpu");
    double cores = cpu == null ? 4 : cpu.endsWith("m")
        ? Long.parseLong(cpu.substring(0, cpu.length() - 1)) / 1000.0 : Double.parseDouble(cpu);
    return NodeExporterText.Node.of(node, (int) Math.max(1, Math.round(cores)),
        startMillis / 1000.0 - 600, diskBytes(node));
  }

  /** The node's uptime at {@code millis}, the age of every counter: ten minutes at start. */
  private double uptime(long millis) {
    return (millis - startMillis) / 1000.0 + 600;
  }

  /** A quantity of the node's status.capacity as written, or null. */
  private String capacity(String node, String key) {
    String[] found = {null};
    store.forEach(
        Resource.NODES,
        n -> {
          JsonObject status = n.getAsJsonObject("status");
          JsonObject capacity = status == null ? null : status.getAsJsonObject("capacity");
          JsonElement value = capacity == null ? null : capacity.get(key);
          if (node.equals(meta(n, "name")) && value != null) {
            found[0] = value.getAsString();
          }
        });
    return found[0];
  }

  /** Whole bytes, or Ki/Mi/Gi as the simulator's nodes write memory. */
  private static long bytes(String quantity) {
    String[] units = {"Ki", "Mi", "Gi"};
    for (int i = 0; i < units.length; i++) {
      if (quantity.endsWith(units[i])) {
        return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << (10 * (i + 1));
      }
    }
    return Long.parseLong(quantity);
  }

  /** The node's ephemeral-storage capacity (bytes, Ki, Mi or Gi as written); else 100 GiB. */
  private long diskBytes(String node) {
    long[] bytes = {100L << 30};
    store.forEach(
        Resource.NODES,
        n -> {
          JsonObject status = n.getAsJsonObject("status");
          JsonObject capacity = status == null ? null : status.getAsJsonObject("capacity");
          JsonElement disk = capacity == null ? null : capacity.get("ephemeral-storage");
          if (node.equals(meta(n, "name")) && disk != null) {
            bytes[0] = bytes(disk.getAsString());
          }
        });
    return bytes[0];
  }

  private String kubelet(String node) {
    StringBuilder out = new StringBuilder();
    List<JsonObject> pods = podsOn(node);
    out.append(
        "# HELP kubelet_running_pods Number of pods that have a running pod sandbox\n"
            + "# TYPE kubelet_running_pods gauge\n");
    out.append("kubelet_running_pods ").append(pods.size()).append('\n');
    String[] names = {"capacity_bytes", "used_bytes", "available_bytes"};
    StringBuilder[] series = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
    for (JsonObject pod : pods) {
      for (JsonElement volume : array(pod.getAsJsonObject("spec"), "volumes")) {
        JsonObject claim = volume.getAsJsonObject().getAsJsonObject("persistentVolumeClaim");
        if (claim == null) {
          continue;
        }
        String labels =
            String.format(
                Locale.ROOT,
                "{namespace=\"%s\",persistentvolumeclaim=\"%s\"}",
                meta(pod, "namespace"),
                claim.get("claimName").getAsString());
        long capacity = 1L << 30;
        long used = capacity / 100 * (20 + Math.floorMod(labels.hashCode(), 70));
        long[] values = {capacity, used, capacity - used};
        for (int k = 0; k < 3; k++) {
          series[k]
              .append("kubelet_volume_stats_")
              .append(names[k])
              .append(labels)
              .append(' ')
              .append(values[k])
              .append('\n');
        }
      }
    }
    for (int k = 0; k < 3; k++) {
      out.append("# TYPE kubelet_volume_stats_")
          .append(names[k])
          .append(" gauge\n")
          .append(series[k]);
    }
    return out.toString();
  }

  private List<JsonObject> podsOn(String node) {
    List<JsonObject> pods = new ArrayList<>();
    store.forEach(
        Resource.PODS,
        p -> {
          JsonObject spec = p.getAsJsonObject("spec");
          JsonObject status = p.getAsJsonObject("status");
          if (spec != null
              && spec.has("nodeName")
              && node.equals(spec.get("nodeName").getAsString())
              && status != null
              && status.has("phase")
              && "Running".equals(status.get("phase").getAsString())) {
            pods.add(p);
          }
        });
    return pods;
  }

  static List<String> containers(JsonObject pod) {
    List<String> names = new ArrayList<>();
    for (JsonElement c : array(pod.getAsJsonObject("spec"), "containers")) {
      names.add(c.getAsJsonObject().get("name").getAsString());
    }
    return names;
  }

  private static Iterable<JsonElement> array(JsonObject parent, String key) {
    return parent != null && parent.has(key) ? parent.getAsJsonArray(key) : List.of();
  }

  private static String meta(JsonObject object, String key) {
    JsonElement e = object.getAsJsonObject("metadata").get(key);
    return e == null ? "" : e.getAsString();
  }
}

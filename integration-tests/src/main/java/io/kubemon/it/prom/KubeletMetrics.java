package io.kubemon.it.prom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemon.it.sim.ClusterStore;
import io.kubemon.it.sim.Resource;
import io.kubemon.it.sim.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Per node, what a kubelet exposes to Prometheus: {@code /nodes/NODE/metrics/cadvisor} and {@code
 * /nodes/NODE/metrics}, generated from the simulator's pods on that node. Counters grow with the
 * wall clock at each container's {@link Usage} rate, so {@code rate()} gives that rate back. Plain
 * HTTP on loopback: the kubelet's TLS and authorization are not what this stands in for.
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

  private KubeletMetrics(ClusterStore store) throws IOException {
    this.store = store;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.createContext("/nodes/", this::handle);
    server.setExecutor(executor);
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
    String[] parts = exchange.getRequestURI().getPath().split("/");
    // "", "nodes", NODE, "metrics"[, "cadvisor"]
    String body;
    if (parts.length == 5 && parts[4].equals("cadvisor")) {
      body = cadvisor(parts[2]);
    } else if (parts.length == 4 && parts[3].equals("metrics")) {
      body = kubelet(parts[2]);
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
    double seconds = (System.currentTimeMillis() - startMillis) / 1000.0 + 600;
    StringBuilder cpu =
        new StringBuilder(
            "# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.\n"
                + "# TYPE container_cpu_usage_seconds_total counter\n");
    StringBuilder memory =
        new StringBuilder(
            "# HELP container_memory_working_set_bytes Current working set in bytes.\n"
                + "# TYPE container_memory_working_set_bytes gauge\n");
    StringBuilder network =
        new StringBuilder(
            "# HELP container_network_receive_bytes_total Cumulative count of bytes received\n"
                + "# TYPE container_network_receive_bytes_total counter\n");
    double nodeCores = 0.15;
    long nodeMemory = 600L * 1024 * 1024;
    for (JsonObject pod : podsOn(node)) {
      String ns = meta(pod, "namespace");
      String name = meta(pod, "name");
      String podLabels = String.format(Locale.ROOT, "namespace=\"%s\",pod=\"%s\"", ns, name);
      for (String container : containers(pod)) {
        double cores = Usage.cpuCores(ns, name, container);
        long bytes = Usage.memoryBytes(ns, name, container);
        nodeCores += cores;
        nodeMemory += bytes;
        String labels =
            String.format(
                Locale.ROOT,
                "{container=\"%s\",id=\"/kubepods/pod%s/%s\",%s}",
                container,
                meta(pod, "uid"),
                container,
                podLabels);
        cpu.append("container_cpu_usage_seconds_total")
            .append(labels)
            .append(' ')
            .append(fmt(cores * seconds))
            .append('\n');
        memory
            .append("container_memory_working_set_bytes")
            .append(labels)
            .append(' ')
            .append(bytes)
            .append('\n');
      }
      network
          .append("container_network_receive_bytes_total{interface=\"eth0\",")
          .append(podLabels)
          .append("} ")
          .append(fmt(2048 * seconds))
          .append('\n');
    }
    cpu.append("container_cpu_usage_seconds_total{id=\"/\"} ")
        .append(fmt(nodeCores * seconds))
        .append('\n');
    memory.append("container_memory_working_set_bytes{id=\"/\"} ").append(nodeMemory).append('\n');
    return cpu.append(memory).append(network).toString();
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

  private static List<String> containers(JsonObject pod) {
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

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}

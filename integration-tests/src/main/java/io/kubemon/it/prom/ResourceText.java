package io.kubemon.it.prom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.Usage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A kubelet's {@code /metrics/resource} text for one node, the resource collector of kubernetes
 * (pkg/kubelet/metrics/collectors/resource_metrics.go) as a v1.30+ kubelet serves it: families in
 * name order, {@code container_*} labelled {@code container, namespace, pod}, {@code pod_*}
 * labelled {@code namespace, pod}, {@code node_*} without labels, CPU and working set stamped with
 * the time their value was taken, {@code container_start_time_seconds} unstamped, and {@code
 * resource_scrape_error} (the ALPHA {@code scrape_error} it replaced, deprecated in 1.29, is hidden
 * since 1.30). No swap series: the simulated nodes have no swap.
 *
 * <p>The same containers and the same values as {@link CadvisorText}: cAdvisor's {@code
 * container_cpu_usage_seconds_total} and {@code container_memory_working_set_bytes} of a container
 * equal the ones here, and the node's figures equal cAdvisor's root cgroup ({@code id="/"}), which
 * is what a query that does not select {@code metrics_path} counts twice.
 */
final class ResourceText {
  private final StringBuilder containerCpu =
      header("container_cpu_usage_seconds_total", "counter",
          "[STABLE] Cumulative cpu time consumed by the container in core-seconds");
  private final StringBuilder containerMemory =
      header("container_memory_working_set_bytes", "gauge",
          "[STABLE] Current working set of the container in bytes");
  private final StringBuilder startTime =
      header("container_start_time_seconds", "gauge",
          "[STABLE] Start time of the container since unix epoch in seconds");
  private final StringBuilder podCpu =
      header("pod_cpu_usage_seconds_total", "counter",
          "[STABLE] Cumulative cpu time consumed by the pod in core-seconds");
  private final StringBuilder podMemory =
      header("pod_memory_working_set_bytes", "gauge",
          "[STABLE] Current working set of the pod in bytes");
  private final double seconds;
  private final String stamp;

  private ResourceText(double seconds, long millis) {
    this.seconds = seconds;
    this.stamp = " " + millis;
  }

  /**
   * @param pods the running pods on the node
   * @param seconds how long the node has been up, the age of every counter
   * @param millis the time the values were taken, written as each CPU and memory sample's stamp
   */
  static String of(List<JsonObject> pods, double seconds, long millis) {
    return new ResourceText(seconds, millis).render(pods);
  }

  private String render(List<JsonObject> pods) {
    double nodeCores = CadvisorText.SYSTEM_CORES;
    long nodeMemory = CadvisorText.SYSTEM_MEMORY;
    for (JsonObject pod : pods) {
      String ns = meta(pod, "namespace");
      String name = meta(pod, "name");
      String podLabels = String.format(Locale.ROOT, "namespace=\"%s\",pod=\"%s\"", ns, name);
      double podCores = 0;
      long podBytes = 0;
      for (String container : KubeletMetrics.containers(pod)) {
        double cores = Usage.cpuCores(pod, container);
        long bytes = Usage.memoryBytes(pod, container);
        podCores += cores;
        podBytes += bytes;
        String labels = "container=\"" + container + "\"," + podLabels;
        Instant started = startedAt(pod, container);
        if (started != null) {
          line(startTime, "container_start_time_seconds", labels, started.getEpochSecond(), "");
        }
        line(containerCpu, "container_cpu_usage_seconds_total", labels, cores * seconds, stamp);
        line(containerMemory, "container_memory_working_set_bytes", labels, bytes, stamp);
      }
      line(podCpu, "pod_cpu_usage_seconds_total", podLabels, podCores * seconds, stamp);
      line(podMemory, "pod_memory_working_set_bytes", podLabels, podBytes, stamp);
      nodeCores += podCores;
      nodeMemory += podBytes;
    }
    StringBuilder nodeCpu =
        header("node_cpu_usage_seconds_total", "counter",
            "[STABLE] Cumulative cpu time consumed by the node in core-seconds");
    nodeCpu.append("node_cpu_usage_seconds_total ")
        .append(number(nodeCores * seconds)).append(stamp).append('\n');
    StringBuilder nodeMem =
        header("node_memory_working_set_bytes", "gauge",
            "[STABLE] Current working set of the node in bytes");
    nodeMem.append("node_memory_working_set_bytes ")
        .append(number(nodeMemory)).append(stamp).append('\n');
    StringBuilder error =
        header("resource_scrape_error", "gauge",
            "[STABLE] 1 if there was an error while getting container metrics, 0 otherwise");
    error.append("resource_scrape_error 0\n");
    return containerCpu.append(containerMemory)
        .append(startTime)
        .append(nodeCpu)
        .append(nodeMem)
        .append(podCpu)
        .append(podMemory)
        .append(error)
        .toString();
  }

  /** When the container's current run started (its running state), else null: not written. */
  private static Instant startedAt(JsonObject pod, String container) {
    JsonObject status = pod.getAsJsonObject("status");
    if (status == null || !status.has("containerStatuses")) {
      return null;
    }
    for (JsonElement e : status.getAsJsonArray("containerStatuses")) {
      JsonObject c = e.getAsJsonObject();
      JsonObject state = c.getAsJsonObject("state");
      JsonObject running = state == null ? null : state.getAsJsonObject("running");
      if (container.equals(c.get("name").getAsString())
          && running != null
          && running.has("startedAt")) {
        try {
          return Instant.parse(running.get("startedAt").getAsString());
        } catch (DateTimeParseException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  private static StringBuilder header(String name, String type, String help) {
    return new StringBuilder()
        .append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(
      StringBuilder out, String name, String labels, double value, String stamp) {
    out.append(name).append('{').append(labels).append("} ")
        .append(number(value)).append(stamp).append('\n');
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

  private static String meta(JsonObject object, String key) {
    JsonElement e = object.getAsJsonObject("metadata").get(key);
    return e == null ? "" : e.getAsString();
  }
}

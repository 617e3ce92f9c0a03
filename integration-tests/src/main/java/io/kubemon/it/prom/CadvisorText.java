package io.kubemon.it.prom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.Usage;
import java.util.List;
import java.util.Locale;

/**
 * A kubelet's {@code /metrics/cadvisor} text for one node, shaped like the minikube v1.35
 * recording: per container CPU and memory, per pod sandbox network, and the node's root cgroup
 * {@code id="/"} with CPU, memory, host network interfaces (including {@code lo}) and one
 * filesystem series per mounted device. Counters are rates times {@code seconds}.
 */
final class CadvisorText {
  private static final String ROOT =
      "container=\"\",id=\"/\",image=\"\",name=\"\",namespace=\"\",pod=\"\"";
  /** Kernel, system daemons and the kubelet itself, outside every pod. */
  static final double SYSTEM_CORES = 0.15;

  static final long SYSTEM_MEMORY = 600L * 1024 * 1024;
  /** Root filesystem written by the OS and the container images before any pod ran. */
  private static final long BASE_DISK = 6L << 30;

  private static final long SHM_LIMIT = 64L << 20;
  private static final long RUN_LIMIT = 4L << 30;

  private final StringBuilder cpu =
      header("container_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed");
  private final StringBuilder memory =
      header("container_memory_working_set_bytes", "gauge", "Current working set");
  private final StringBuilder received =
      header("container_network_receive_bytes_total", "counter", "Cumulative bytes received");
  private final StringBuilder sent =
      header("container_network_transmit_bytes_total", "counter", "Cumulative bytes transmitted");
  private final double seconds;

  private CadvisorText(double seconds) {
    this.seconds = seconds;
  }

  /**
   * @param pods the running pods on the node
   * @param diskBytes the node's ephemeral-storage capacity, the size of its main device
   * @param seconds how long the node has been up, the age of every counter
   */
  static String of(List<JsonObject> pods, long diskBytes, double seconds) {
    return new CadvisorText(seconds).render(pods, diskBytes);
  }

  /**
   * As above, every sample stamped with {@code timestampMillis}, the moment its value stands for,
   * as the kubelet's cAdvisor endpoint stamps its samples. Prometheus then computes rates from the
   * counters' own times, not from when a busy machine got round to scraping them.
   */
  static String of(List<JsonObject> pods, long diskBytes, double seconds, long timestampMillis) {
    StringBuilder stamped = new StringBuilder();
    for (String line : of(pods, diskBytes, seconds).split("\n")) {
      stamped.append(line);
      if (!line.startsWith("#") && !line.isEmpty()) {
        stamped.append(' ').append(timestampMillis);
      }
      stamped.append('\n');
    }
    return stamped.toString();
  }

  private String render(List<JsonObject> pods, long diskBytes) {
    double nodeCores = SYSTEM_CORES;
    long nodeMemory = SYSTEM_MEMORY;
    double nodeRx = 900;
    double nodeTx = 600;
    long podDisk = 0;
    for (JsonObject pod : pods) {
      String ns = meta(pod, "namespace");
      String name = meta(pod, "name");
      String podLabels = String.format(Locale.ROOT, "namespace=\"%s\",pod=\"%s\"", ns, name);
      for (String container : KubeletMetrics.containers(pod)) {
        double cores = Usage.cpuCores(pod, container);
        long bytes = Usage.memoryBytes(pod, container);
        nodeCores += cores;
        nodeMemory += bytes;
        // A container's writable layer and logs, about a quarter of its working set.
        podDisk += bytes / 4;
        String labels =
            String.format(
                Locale.ROOT,
                "container=\"%s\",id=\"/kubepods/pod%s/%s\",%s",
                container,
                meta(pod, "uid"),
                container,
                podLabels);
        line(cpu, "container_cpu_usage_seconds_total", labels, cores * seconds);
        line(memory, "container_memory_working_set_bytes", labels, bytes);
      }
      // Pods serve more than they fetch: tx is a pod-specific share of rx.
      double rx = 2048;
      double tx = 512 + Math.floorMod(podLabels.hashCode(), 2048);
      nodeRx += rx;
      nodeTx += tx;
      String sandbox = "interface=\"eth0\"," + podLabels;
      line(received, "container_network_receive_bytes_total", sandbox, rx * seconds);
      line(sent, "container_network_transmit_bytes_total", sandbox, tx * seconds);
    }
    line(cpu, "container_cpu_usage_seconds_total", ROOT, nodeCores * seconds);
    line(memory, "container_memory_working_set_bytes", ROOT, nodeMemory);
    hostNetwork(nodeRx, nodeTx);
    return cpu.append(memory)
        .append(received)
        .append(sent)
        .append(fs(diskBytes, podDisk))
        .toString();
  }

  /** The host namespace's interfaces: eth0 carries the pod traffic, lo is node-local chatter. */
  private void hostNetwork(double rx, double tx) {
    for (String[] iface : new String[][] {{"eth0", "1"}, {"lo", "40"}, {"gre0", "0"}}) {
      double factor = Double.parseDouble(iface[1]);
      String labels = ROOT.replace("image=", "interface=\"" + iface[0] + "\",image=");
      line(received, "container_network_receive_bytes_total", labels, factor * rx * seconds);
      line(sent, "container_network_transmit_bytes_total", labels, factor * tx * seconds);
    }
  }

  /** One series per mounted device; logs and images make the main device grow over time. */
  private String fs(long diskBytes, long podDisk) {
    StringBuilder usage = header("container_fs_usage_bytes", "gauge", "Bytes consumed");
    StringBuilder limit =
        header("container_fs_limit_bytes", "gauge", "Bytes the container can use");
    long main = Math.min(diskBytes, BASE_DISK + podDisk + (long) (4096 * seconds));
    String[][] devices = {
      {"/dev/sda1", Long.toString(diskBytes), Long.toString(main)},
      {"/dev/shm", Long.toString(SHM_LIMIT), "0"},
      {"/run", Long.toString(RUN_LIMIT), Long.toString(12L << 20)},
    };
    for (String[] device : devices) {
      String labels = ROOT.replace("id=", "device=\"" + device[0] + "\",id=");
      line(limit, "container_fs_limit_bytes", labels, Double.parseDouble(device[1]));
      line(usage, "container_fs_usage_bytes", labels, Double.parseDouble(device[2]));
    }
    return usage.append(limit).toString();
  }

  private static StringBuilder header(String name, String type, String help) {
    return new StringBuilder()
        .append("# HELP ").append(name).append(' ').append(help).append(".\n")
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String name, String labels, double value) {
    out.append(name)
        .append('{')
        .append(labels)
        .append("} ")
        .append(String.format(Locale.ROOT, "%.6f", value))
        .append('\n');
  }

  private static String meta(JsonObject object, String key) {
    JsonElement e = object.getAsJsonObject("metadata").get(key);
    return e == null ? "" : e.getAsString();
  }
}

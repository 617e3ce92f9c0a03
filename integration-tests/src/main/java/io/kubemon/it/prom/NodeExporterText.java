package io.kubemon.it.prom;

import java.util.List;
import java.util.Locale;

/**
 * What prometheus node-exporter (manifests/node-exporter.yaml) exposes on one node, for the series
 * the agent reads: clock and boot time, load, processes, kernel counters, CPU seconds per CPU and
 * mode, and filesystems per mount point, including a kubelet pod mount the agent must leave out.
 * The gauges are fixed per node; the counters grow with the node's uptime at fixed rates, so a
 * test derives every figure of the node's Checkmk sections from {@link Node} and the clock.
 */
public final class NodeExporterText {
  private NodeExporterText() {}

  /** The modes node-exporter's cpu collector reports and each mode's share of a CPU's time. */
  public static final List<String> MODES =
      List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

  public static final double[] SHARES = {0.20, 0.01, 0.10, 0.60, 0.05, 0.01, 0.02, 0.01};

  /** Per second of uptime: context switches, forks, interrupts, major page faults. */
  public static final double CONTEXT_SWITCHES = 1500;

  public static final double FORKS = 12.5;
  public static final double INTERRUPTS = 900;
  public static final double MAJOR_FAULTS = 0.5;

  /**
   * One node's fixed figures: CPUs, boot time (epoch seconds), root filesystem size, loads,
   * running processes and threads.
   */
  public record Node(
      String name,
      int cpus,
      double bootTime,
      long rootBytes,
      double load1,
      double load5,
      double load15,
      int running,
      int threads) {

    /** Figures that differ between nodes but stay the same for one node. */
    public static Node of(String name, int cpus, double bootTime, long rootBytes) {
      int h = Math.floorMod(name.hashCode(), 50);
      return new Node(name, cpus, bootTime, rootBytes, 0.5 + h / 100.0, 0.25 + h / 100.0,
          0.1 + h / 100.0, 1 + h % 5, 300 + 7 * h);
    }

    /** The root filesystem's free bytes: a third used. */
    public long rootFree() {
      return rootBytes / 3 * 2;
    }

    /** What non-root users may still write: 5 % of the filesystem reserved. */
    public long rootAvail() {
      return rootFree() - rootBytes / 20;
    }
  }

  /** The exposition text at {@code nowSeconds} (node-exporter sets no sample timestamps). */
  public static String of(Node n, double nowSeconds) {
    double up = Math.max(0, nowSeconds - n.bootTime());
    StringBuilder b = new StringBuilder();
    gauge(b, "node_boot_time_seconds", n.bootTime());
    gauge(b, "node_time_seconds", nowSeconds);
    gauge(b, "node_load1", n.load1());
    gauge(b, "node_load5", n.load5());
    gauge(b, "node_load15", n.load15());
    gauge(b, "node_procs_running", n.running());
    gauge(b, "node_processes_threads", n.threads());
    counter(b, "node_context_switches_total", CONTEXT_SWITCHES * up);
    counter(b, "node_forks_total", FORKS * up);
    counter(b, "node_intr_total", INTERRUPTS * up);
    b.append("# TYPE node_vmstat_pgmajfault untyped\n")
        .append("node_vmstat_pgmajfault ").append(num(Math.floor(MAJOR_FAULTS * up))).append('\n');
    b.append("# TYPE node_cpu_seconds_total counter\n");
    for (int cpu = 0; cpu < n.cpus(); cpu++) {
      for (int m = 0; m < MODES.size(); m++) {
        b.append("node_cpu_seconds_total{cpu=\"").append(cpu).append("\",mode=\"")
            .append(MODES.get(m)).append("\"} ").append(num(SHARES[m] * up)).append('\n');
      }
    }
    String root = "{device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\"}";
    String run = "{device=\"tmpfs\",fstype=\"tmpfs\",mountpoint=\"/run\"}";
    String pod = "{device=\"tmpfs\",fstype=\"tmpfs\",mountpoint="
        + "\"/var/lib/kubelet/pods/0f0e/volumes/kubernetes.io~projected/kube-api-access\"}";
    long run1 = 1L << 30;
    filesystem(b, "size_bytes", n.rootBytes(), run1, 1L << 27);
    filesystem(b, "free_bytes", n.rootFree(), run1 - (12L << 20), 1L << 27);
    filesystem(b, "avail_bytes", n.rootAvail(), run1 - (12L << 20), 1L << 27);
    filesystem(b, "files", 6_553_600, 262_144, 1000);
    filesystem(b, "files_free", 6_000_000, 261_000, 990);
    return b.toString().replace("@ROOT@", root).replace("@RUN@", run).replace("@POD@", pod);
  }

  private static void filesystem(StringBuilder b, String name, long root, long run, long pod) {
    b.append("# TYPE node_filesystem_").append(name).append(" gauge\n");
    b.append("node_filesystem_").append(name).append("@ROOT@ ").append(root).append('\n');
    b.append("node_filesystem_").append(name).append("@RUN@ ").append(run).append('\n');
    b.append("node_filesystem_").append(name).append("@POD@ ").append(pod).append('\n');
  }

  private static void gauge(StringBuilder b, String name, double value) {
    b.append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(num(value)).append('\n');
  }

  private static void counter(StringBuilder b, String name, double value) {
    b.append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(num(value)).append('\n');
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}

package io.kubemon.agent.source.prometheus;

import io.kubemon.agent.source.prometheus.PromResult.Sample;
import io.kubemon.agent.source.prometheus.UsageQueries.Level;
import io.kubemon.agent.source.prometheus.UsageQueries.Query;
import io.kubemon.agent.usage.NodeOs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The queries behind the node OS sections (docs/sections.md, "Node OS sections"): raw counters
 * and gauges of cAdvisor's root cgroup ({@code id="/"}) and machine series, per node, per device
 * and per interface; and node-exporter's series where it runs (manifests/node-exporter.yaml),
 * per node, per CPU and per mount point. They are not rates: Checkmk's own checks keep the
 * previous counter values and compute the rates themselves, as they do for a Linux agent. Each
 * query names its series by a {@code __name__} regex and keeps {@code __name__} in the grouping,
 * so one round trip brings several metrics; {@code max} folds duplicate series (Prometheus
 * replicas, repeated targets). The section writer reads its series names from here.
 */
public final class NodeOsQueries {
  private NodeOsQueries() {}

  /** What a query's samples are: see {@link #store}. */
  static final String VALUES = "values";
  static final String TIME = "time";
  static final String DEVICES = "devices";
  static final String INTERFACES = "interfaces";
  static final String CPUS = "cpus";
  static final String MOUNTS = "mounts";

  /** cAdvisor's per-filesystem size and inode series (the df section). */
  public static final List<String> FS_METRICS =
      List.of(
          "container_fs_limit_bytes",
          "container_fs_usage_bytes",
          "container_fs_inodes_total",
          "container_fs_inodes_free");

  /**
   * cAdvisor's per-device I/O series in the order of a {@code /proc/diskstats} line's eleven
   * counters (the diskstat section).
   */
  public static final List<String> DISKSTAT_METRICS =
      List.of(
          "container_fs_reads_total",
          "container_fs_reads_merged_total",
          "container_fs_sector_reads_total",
          "container_fs_read_seconds_total",
          "container_fs_writes_total",
          "container_fs_writes_merged_total",
          "container_fs_sector_writes_total",
          "container_fs_write_seconds_total",
          "container_fs_io_current",
          "container_fs_io_time_seconds_total",
          "container_fs_io_time_weighted_seconds_total");

  static final List<String> DEVICE_METRICS =
      Stream.concat(FS_METRICS.stream(), DISKSTAT_METRICS.stream()).toList();

  /** node-exporter's clock, boot time, load and process gauges. */
  public static final String NODE_TIME = "node_time_seconds";
  public static final String BOOT_TIME = "node_boot_time_seconds";
  public static final String LOAD1 = "node_load1";
  public static final String LOAD5 = "node_load5";
  public static final String LOAD15 = "node_load15";
  public static final String PROCS_RUNNING = "node_procs_running";
  /** From node-exporter's processes collector, which node-exporter.yaml enables. */
  public static final String THREADS = "node_processes_threads";

  /**
   * node-exporter's kernel counters, each with the {@code /proc/stat} or {@code /proc/vmstat}
   * key the kernel section writes it under, in the section's order.
   */
  public static final Map<String, String> KERNEL_COUNTERS =
      orderedMap(
          "node_vmstat_pgmajfault", "pgmajfault",
          "node_vmstat_pswpin", "pswpin",
          "node_vmstat_pswpout", "pswpout",
          "node_intr_total", "intr",
          "node_context_switches_total", "ctxt",
          "node_forks_total", "processes");

  /** node-exporter's CPU time modes in the order of {@code /proc/stat}'s cpu lines. */
  public static final List<String> CPU_MODES =
      List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

  /** node-exporter's per-mount filesystem series. */
  public static final String FS_SIZE = "node_filesystem_size_bytes";
  public static final String FS_AVAIL = "node_filesystem_avail_bytes";
  public static final String FS_FREE = "node_filesystem_free_bytes";
  public static final String FS_FILES = "node_filesystem_files";
  public static final String FS_FILES_FREE = "node_filesystem_files_free";

  private static final List<String> NODE_VALUES =
      Stream.concat(
              Stream.of(NODE_TIME, BOOT_TIME, LOAD1, LOAD5, LOAD15, PROCS_RUNNING, THREADS),
              KERNEL_COUNTERS.keySet().stream())
          .toList();

  /**
   * Devices that are no node filesystem: container root filesystems ({@code overlay_0-42}) and
   * the runtime's per-pod mounts (sandbox shm, kubelet volumes).
   */
  static final String NOT_NODE_DEVICES =
      "overlay.*|/run/containerd/.+|/run/k3s/.+|/run/docker/.+|/var/lib/.+";

  /**
   * Mount points that are no node filesystem: the kernel's pseudo filesystems and what the
   * runtime and the kubelet mount below their directories for pods and containers. A disk
   * mounted at such a directory itself ({@code /var/lib/kubelet}) stays.
   */
  static final String NOT_NODE_MOUNTS =
      "/(dev|proc|sys)(/.*)?|/run/(containerd|k3s|docker|netns|credentials)/.+"
          + "|/var/lib/(kubelet/pods|kubelet/plugins|docker|containers/storage|containerd"
          + "|rancher/k3s/agent/containerd)/.+";

  private static final String NODE_EXPORTER = "node!=\"\"";

  static List<Query> all() {
    String cadvisor = UsageQueries.CADVISOR;
    String root = cadvisor + ",id=\"/\"";
    return List.of(
        new Query("node_os_cgroup", Level.NODE_OS, VALUES,
            "max by (__name__, node) ({__name__=~\"container_cpu_user_seconds_total"
                + "|container_cpu_system_seconds_total|container_memory_usage_bytes"
                + "|container_memory_working_set_bytes|container_memory_cache"
                + "|container_memory_swap\"," + root + "})"),
        new Query("node_os_machine", Level.NODE_OS, VALUES,
            "max by (__name__, node) ({__name__=~\"machine_cpu_cores|machine_memory_bytes"
                + "|machine_swap_bytes\"," + cadvisor + "})"),
        new Query("node_os_sample_time", Level.NODE_OS, TIME,
            "max by (node) (timestamp(container_cpu_user_seconds_total{" + root + "}))"),
        new Query("node_os_devices", Level.NODE_OS, DEVICES,
            "max by (__name__, node, device) ({__name__=~\"" + String.join("|", DEVICE_METRICS)
                + "\"," + root + ",device!=\"\",device!~\"" + NOT_NODE_DEVICES + "\"})"),
        new Query("node_os_interfaces", Level.NODE_OS, INTERFACES,
            "max by (__name__, node, interface) ({__name__=~\"container_network_(receive"
                + "|transmit)_(bytes|packets|errors|packets_dropped)_total\"," + root
                + ",interface!=\"\"})"),
        new Query("node_exporter_values", Level.NODE_OS, VALUES,
            "max by (__name__, node) ({__name__=~\"" + String.join("|", NODE_VALUES) + "\","
                + NODE_EXPORTER + "})"),
        new Query("node_exporter_cpus", Level.NODE_OS, CPUS,
            "max by (node, cpu, mode) (node_cpu_seconds_total{" + NODE_EXPORTER + "})"),
        new Query("node_exporter_mounts", Level.NODE_OS, MOUNTS,
            "max by (__name__, node, mountpoint, device, fstype) ({__name__=~\""
                + String.join("|", FS_SIZE, FS_AVAIL, FS_FREE, FS_FILES, FS_FILES_FREE) + "\","
                + NODE_EXPORTER + ",mountpoint!~\"" + NOT_NODE_MOUNTS + "\"})"));
  }

  /** Stores one sample of a node OS query into its node's {@link NodeOs}. */
  static void store(NodeOs os, String kind, Sample s) {
    String metric = s.label("__name__");
    switch (kind) {
      case VALUES -> {
        if (!metric.isEmpty()) {
          os.value(metric, s.value());
        }
      }
      case TIME -> os.value(NodeOs.SAMPLE_TIME, s.value());
      case DEVICES -> {
        if (!metric.isEmpty() && !s.label("device").isEmpty()) {
          os.device(s.label("device"), metric, s.value());
        }
      }
      case INTERFACES -> {
        if (!metric.isEmpty() && !s.label("interface").isEmpty()) {
          os.networkInterface(s.label("interface"), metric, s.value());
        }
      }
      case CPUS -> {
        String cpu = s.label("cpu");
        if (cpu.matches("[0-9]{1,5}") && CPU_MODES.contains(s.label("mode"))) {
          os.cpu(Integer.parseInt(cpu), s.label("mode"), s.value());
        }
      }
      case MOUNTS -> {
        if (!metric.isEmpty() && !s.label("mountpoint").isEmpty()) {
          os.mount(s.label("mountpoint"), s.label("device"), s.label("fstype"), metric,
              s.value());
        }
      }
      default -> throw new IllegalArgumentException("unknown node OS query kind " + kind);
    }
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}

package io.kubemon.agent.source.prometheus;

import io.kubemon.agent.source.prometheus.PromResult.Sample;
import io.kubemon.agent.source.prometheus.UsageQueries.Level;
import io.kubemon.agent.source.prometheus.UsageQueries.Query;
import io.kubemon.agent.usage.NodeOs;
import java.util.List;

/**
 * The queries behind the node OS sections (docs/sections.md, "Node OS sections"): raw counters
 * and gauges of cAdvisor's root cgroup ({@code id="/"}) and machine series, per node, per device
 * and per interface. They are not rates: Checkmk's own checks keep the previous counter values
 * and compute the rates themselves, as they do for a Linux agent. Each query names its series by
 * a {@code __name__} regex and keeps {@code __name__} in the grouping, so one round trip brings
 * several metrics; {@code max} folds duplicate series (Prometheus replicas, repeated targets).
 */
final class NodeOsQueries {
  private NodeOsQueries() {}

  /** What a query's samples are: see {@link #store}. */
  static final String VALUES = "values";
  static final String TIME = "time";
  static final String DEVICES = "devices";
  static final String INTERFACES = "interfaces";

  /** cAdvisor's per-filesystem series used by the df and diskstat sections. */
  static final List<String> DEVICE_METRICS =
      List.of(
          "container_fs_limit_bytes",
          "container_fs_usage_bytes",
          "container_fs_inodes_total",
          "container_fs_inodes_free",
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

  /**
   * Devices that are no node filesystem: container root filesystems ({@code overlay_0-42}) and
   * the runtime's per-pod mounts (sandbox shm, kubelet volumes).
   */
  static final String NOT_NODE_DEVICES =
      "overlay.*|/run/containerd/.+|/run/k3s/.+|/run/docker/.+|/var/lib/.+";

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
                + ",interface!=\"\"})"));
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
      default -> throw new IllegalArgumentException("unknown node OS query kind " + kind);
    }
  }
}

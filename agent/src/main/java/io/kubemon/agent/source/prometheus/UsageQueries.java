package io.kubemon.agent.source.prometheus;

import io.kubemon.agent.usage.UsageData;
import java.util.List;

/**
 * The fixed PromQL queries: one per metric for the whole cluster, aggregated by node, by pod or by
 * container, so the number of requests never grows with the cluster.
 *
 * <p>cAdvisor facts behind the selectors: the root cgroup ({@code id="/"}) is the whole node;
 * {@code container=""} rows are pod cgroups and sandboxes, {@code pod=""} rows the cgroup
 * hierarchy, so per-container figures need {@code container!="",pod!=""}. A pod's network
 * counters sit on its sandbox row; some runtimes repeat them per container, hence the {@code max}
 * per interface before the sum. The {@code node} label is the one the kubelet ServiceMonitor sets
 * from the endpoint's target node.
 *
 * <p>One source of truth per series: a kubelet exports {@code container_cpu_usage_seconds_total}
 * and {@code container_memory_working_set_bytes} on both {@code /metrics/cadvisor} and {@code
 * /metrics/resource} with the same {@code namespace, pod, container} labels, and the ServiceMonitor
 * scrapes both, so every selector names the path it reads through the {@code metrics_path} label
 * the ServiceMonitor's relabeling sets from {@code __metrics_path__}.
 */
final class UsageQueries {
  private UsageQueries() {}

  /** cAdvisor's series, as the kubelet ServiceMonitor labels them. */
  static final String CADVISOR = "metrics_path=\"/metrics/cadvisor\"";
  /** The kubelet's own registry (volume stats). */
  static final String KUBELET = "metrics_path=\"/metrics\"";

  /** What a query's samples are keyed by. */
  enum Level {
    NODE,
    POD,
    CONTAINER,
    CLAIM,
    /** A node OS query ({@link NodeOsQueries}); the field says which kind. */
    NODE_OS
  }

  record Query(String name, Level level, String field, String promql) {}

  static List<Query> all(String window) {
    String w = "[" + window + "]";
    String root = cadvisor("id=\"/\"");
    String rootNet = cadvisor("id=\"/\",interface!=\"lo\"");
    String inContainer = cadvisor("container!=\"\",pod!=\"\"");
    List<Query> queries = new java.util.ArrayList<>(List.of(
        new Query("node_cpu", Level.NODE, UsageData.CPU,
            "sum by (node) (rate(container_cpu_usage_seconds_total" + root + w + "))"),
        new Query("node_memory", Level.NODE, UsageData.MEMORY,
            "sum by (node) (container_memory_working_set_bytes" + root + ")"),
        new Query("node_network_rx", Level.NODE, UsageData.RX,
            "sum by (node) (rate(container_network_receive_bytes_total" + rootNet + w + "))"),
        new Query("node_network_tx", Level.NODE, UsageData.TX,
            "sum by (node) (rate(container_network_transmit_bytes_total" + rootNet + w + "))"),
        // The node's main filesystem is the root cgroup's largest device.
        new Query("node_fs_used", Level.NODE, UsageData.FS_USED,
            "sum by (node) (container_fs_usage_bytes" + root + " and on (node, device)"
                + " topk by (node) (1, container_fs_limit_bytes" + root + "))"),
        new Query("node_fs_capacity", Level.NODE, UsageData.FS_CAPACITY,
            "max by (node) (container_fs_limit_bytes" + root + ")"),
        new Query("container_cpu", Level.CONTAINER, UsageData.CPU,
            "sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total"
                + inContainer + w + "))"),
        new Query("container_memory", Level.CONTAINER, UsageData.MEMORY,
            "sum by (namespace, pod, container) (container_memory_working_set_bytes"
                + inContainer + ")"),
        new Query("pod_cpu_throttled", Level.POD, UsageData.THROTTLED,
            "sum by (namespace, pod) (rate(container_cpu_cfs_throttled_periods_total"
                + inContainer + w + ")) / sum by (namespace, pod) (rate("
                + "container_cpu_cfs_periods_total" + inContainer + w + "))"),
        new Query("pod_oom_kills", Level.POD, UsageData.OOM_KILLS,
            "sum by (namespace, pod) (container_oom_events_total" + inContainer + ")"),
        new Query("pod_network_rx", Level.POD, UsageData.RX, podNetwork("receive", w)),
        new Query("pod_network_tx", Level.POD, UsageData.TX, podNetwork("transmit", w)),
        new Query("pvc_used", Level.CLAIM, UsageData.USED, claim("used")),
        new Query("pvc_capacity", Level.CLAIM, UsageData.CAPACITY, claim("capacity")),
        new Query("pvc_available", Level.CLAIM, UsageData.AVAILABLE, claim("available"))));
    queries.addAll(NodeOsQueries.all());
    return List.copyOf(queries);
  }

  /** A selector on cAdvisor's series only. */
  private static String cadvisor(String matchers) {
    return "{" + CADVISOR + "," + matchers + "}";
  }

  private static String podNetwork(String direction, String w) {
    return "sum by (namespace, pod) (max by (namespace, pod, interface) (rate(container_network_"
        + direction
        + "_bytes_total"
        + cadvisor("pod!=\"\",interface!=\"lo\"")
        + w
        + ")))";
  }

  private static String claim(String kind) {
    return "max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_" + kind + "_bytes{"
        + KUBELET + "})";
  }
}

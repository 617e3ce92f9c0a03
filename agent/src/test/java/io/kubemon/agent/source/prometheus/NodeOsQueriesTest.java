package io.kubemon.agent.source.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.source.prometheus.PromResult.Sample;
import io.kubemon.agent.usage.NodeOs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How node-exporter's samples land in a node's {@link NodeOs}, and what the queries select. */
class NodeOsQueriesTest {

  private static Sample sample(Map<String, String> labels, double value) {
    return new Sample(labels, 1_800_000_000, value);
  }

  @Test
  void cpuTimesAreKeptByCpuNumberAndKnownModeOnly() {
    NodeOs os = new NodeOs();
    NodeOsQueries.store(os, NodeOsQueries.CPUS, sample(Map.of("cpu", "10", "mode", "idle"), 5));
    NodeOsQueries.store(os, NodeOsQueries.CPUS, sample(Map.of("cpu", "2", "mode", "user"), 1));
    NodeOsQueries.store(os, NodeOsQueries.CPUS, sample(Map.of("cpu", "2", "mode", "guest"), 9));
    NodeOsQueries.store(os, NodeOsQueries.CPUS, sample(Map.of("cpu", "x", "mode", "idle"), 9));
    NodeOsQueries.store(os, NodeOsQueries.CPUS, sample(Map.of("mode", "idle"), 9));
    // Numeric order, as /proc/stat lists cpu2 before cpu10.
    assertEquals(List.of(2, 10), List.copyOf(os.cpus().keySet()));
    assertEquals(Map.of("user", 1.0), os.cpus().get(2));
  }

  @Test
  void filesystemsAreKeptByMountPointWithDeviceAndType() {
    NodeOs os = new NodeOs();
    Map<String, String> root = Map.of("__name__", "node_filesystem_size_bytes",
        "mountpoint", "/", "device", "/dev/sda1", "fstype", "ext4");
    NodeOsQueries.store(os, NodeOsQueries.MOUNTS, sample(root, 100));
    NodeOsQueries.store(os, NodeOsQueries.MOUNTS, sample(Map.of("__name__",
        "node_filesystem_size_bytes", "device", "tmpfs", "fstype", "tmpfs"), 1));
    assertEquals(List.of("/"), List.copyOf(os.mounts().keySet()));
    NodeOs.Mount m = os.mounts().get("/");
    assertEquals("/dev/sda1 ext4 {node_filesystem_size_bytes=100.0}",
        m.device() + " " + m.fsType() + " " + m.values());
  }

  @Test
  void theNodeExporterQueriesNameEverySeriesTheSectionsRead() {
    Map<String, String> byName = new java.util.HashMap<>();
    NodeOsQueries.all().forEach(q -> byName.put(q.name(), q.promql()));
    String values = byName.get("node_exporter_values");
    for (String series : List.of(NodeOsQueries.NODE_TIME, NodeOsQueries.BOOT_TIME,
        NodeOsQueries.LOAD1, NodeOsQueries.LOAD5, NodeOsQueries.LOAD15,
        NodeOsQueries.PROCS_RUNNING, NodeOsQueries.THREADS)) {
      assertTrue(values.contains(series), series + " not in " + values);
    }
    NodeOsQueries.KERNEL_COUNTERS.keySet()
        .forEach(series -> assertTrue(values.contains(series), series));
    assertTrue(byName.get("node_exporter_cpus").contains("node_cpu_seconds_total{node!=\"\"}"));
    String mounts = byName.get("node_exporter_mounts");
    for (String series : List.of(NodeOsQueries.FS_SIZE, NodeOsQueries.FS_AVAIL,
        NodeOsQueries.FS_FREE, NodeOsQueries.FS_FILES, NodeOsQueries.FS_FILES_FREE)) {
      assertTrue(mounts.contains(series), series);
    }
    // The pod mounts node-exporter reports under the kubelet's directory never become rows.
    assertTrue("/var/lib/kubelet/pods/x/volumes/y".matches(NodeOsQueries.NOT_NODE_MOUNTS));
    assertTrue("/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/rootfs"
        .matches(NodeOsQueries.NOT_NODE_MOUNTS));
    assertTrue(!"/".matches(NodeOsQueries.NOT_NODE_MOUNTS)
        && !"/var/lib/kubelet".matches(NodeOsQueries.NOT_NODE_MOUNTS)
        && !"/run".matches(NodeOsQueries.NOT_NODE_MOUNTS)
        && !"/boot/efi".matches(NodeOsQueries.NOT_NODE_MOUNTS));
  }
}

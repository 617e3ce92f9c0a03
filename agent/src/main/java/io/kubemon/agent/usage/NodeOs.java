package io.kubemon.agent.usage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's operating-system counters as cAdvisor exports them for the node's root cgroup
 * ({@code id="/"}): machine and cgroup values by metric name, filesystem values by device, network
 * values by interface; and, where node-exporter runs on the node, its values by metric name,
 * CPU times by CPU and mode, and filesystems by mount point. The section writer turns them into
 * Checkmk's own agent sections (docs/sections.md, "Node OS sections").
 */
public final class NodeOs {
  /** Metric name of the scrape time of the node's CPU counters (epoch seconds). */
  public static final String SAMPLE_TIME = "sample_time";

  private final Map<String, Double> values = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> devices = new TreeMap<>();
  private final Map<String, Map<String, Double>> interfaces = new TreeMap<>();
  private final Map<Integer, Map<String, Double>> cpus = new TreeMap<>();
  private final Map<String, Mount> mounts = new TreeMap<>();

  /** A filesystem node-exporter reports: its device, type and values by metric name. */
  public record Mount(String device, String fsType, Map<String, Double> values) {}

  /** Machine and root-cgroup values by cAdvisor metric name, plus {@link #SAMPLE_TIME}. */
  public synchronized Map<String, Double> values() {
    return values;
  }

  /** Filesystem and disk I/O values by cAdvisor's {@code device} label, then metric name. */
  public synchronized Map<String, Map<String, Double>> devices() {
    return devices;
  }

  /** Network counters by cAdvisor's {@code interface} label, then metric name. */
  public synchronized Map<String, Map<String, Double>> interfaces() {
    return interfaces;
  }

  public synchronized void value(String metric, double value) {
    values.put(metric, value);
  }

  public synchronized void device(String device, String metric, double value) {
    devices.computeIfAbsent(device, k -> new LinkedHashMap<>()).put(metric, value);
  }

  public synchronized void networkInterface(String name, String metric, double value) {
    interfaces.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(metric, value);
  }

  /** node-exporter's CPU seconds by CPU number, then mode. */
  public synchronized Map<Integer, Map<String, Double>> cpus() {
    return cpus;
  }

  /** node-exporter's filesystems by mount point. */
  public synchronized Map<String, Mount> mounts() {
    return mounts;
  }

  public synchronized void cpu(int cpu, String mode, double seconds) {
    cpus.computeIfAbsent(cpu, k -> new TreeMap<>()).put(mode, seconds);
  }

  /** One filesystem value; the first device and type seen for a mount point stay. */
  public synchronized void mount(
      String mountPoint, String device, String fsType, String metric, double value) {
    mounts
        .computeIfAbsent(mountPoint, k -> new Mount(device, fsType, new LinkedHashMap<>()))
        .values()
        .put(metric, value);
  }
}

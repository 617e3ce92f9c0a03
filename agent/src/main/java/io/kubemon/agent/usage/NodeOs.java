package io.kubemon.agent.usage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's operating-system counters as cAdvisor exports them for the node's root cgroup
 * ({@code id="/"}): machine and cgroup values by metric name, filesystem values by device, network
 * values by interface. The section writer turns them into Checkmk's own agent sections
 * (docs/sections.md, "Node OS sections").
 */
public final class NodeOs {
  /** Metric name of the scrape time of the node's CPU counters (epoch seconds). */
  public static final String SAMPLE_TIME = "sample_time";

  private final Map<String, Double> values = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> devices = new TreeMap<>();
  private final Map<String, Map<String, Double>> interfaces = new TreeMap<>();

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
}

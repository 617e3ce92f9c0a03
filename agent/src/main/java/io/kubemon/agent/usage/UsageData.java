package io.kubemon.agent.usage;

import io.kubemon.agent.quantity.Quantity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Usage samples from one source, keyed by Kubernetes object. Field names are the JSON fields of
 * docs/sections.md ("Usage sections"); a field a source cannot provide is simply absent.
 */
public final class UsageData {
  public static final String CPU = "cpu_cores";
  public static final String MEMORY = "memory_working_set_bytes";
  public static final String RX = "network_rx_bytes_per_s";
  public static final String TX = "network_tx_bytes_per_s";
  public static final String FS_USED = "fs_used_bytes";
  public static final String FS_CAPACITY = "fs_capacity_bytes";
  public static final String THROTTLED = "cpu_throttled_ratio";
  public static final String OOM_KILLS = "oom_kills";
  public static final String USED = "used_bytes";
  public static final String CAPACITY = "capacity_bytes";
  public static final String AVAILABLE = "available_bytes";

  /**
   * A Kubernetes quantity ({@code 10500m}, {@code 487558164n}, {@code 732212Ki}) as a number.
   *
   * @throws IllegalArgumentException naming the text when it is no quantity
   */
  public static double quantity(String text) {
    BigDecimal value = Quantity.parse(text);
    if (value == null) {
      throw new IllegalArgumentException("not a Kubernetes quantity: \"" + text + "\"");
    }
    return value.doubleValue();
  }

  /** A namespaced object: a pod, or a claim. */
  public record Key(String namespace, String name) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = namespace.compareTo(o.namespace);
      return c != 0 ? c : name.compareTo(o.name);
    }
  }

  /** One pod's fields and its containers' fields. */
  public static final class PodUsage {
    private final Map<String, Double> fields = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> containers = new TreeMap<>();

    public Map<String, Double> fields() {
      return fields;
    }

    public Map<String, Map<String, Double>> containers() {
      return containers;
    }

    public Map<String, Double> container(String name) {
      return containers.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    /** Sets a pod field to the sum of its containers' values, unless already set. */
    void sumContainers(String field) {
      if (fields.containsKey(field) || containers.isEmpty()) {
        return;
      }
      double sum = 0;
      for (Map<String, Double> c : containers.values()) {
        Double v = c.get(field);
        if (v == null) {
          return;
        }
        sum += v;
      }
      fields.put(field, sum);
    }
  }

  private final UsageSource source;
  private long timestamp;
  // Hash maps: the writers look every monitored object up once; nothing iterates in key order.
  private final Map<String, Map<String, Double>> nodes = new HashMap<>();
  private final Map<Key, PodUsage> pods = new HashMap<>();
  private final Map<Key, Map<String, Double>> claims = new HashMap<>();
  private final Map<String, NodeOs> nodeOs = new HashMap<>();

  public UsageData(UsageSource source) {
    this.source = source;
  }

  public UsageSource source() {
    return source;
  }

  /** Epoch seconds of the newest sample. */
  public long timestamp() {
    return timestamp;
  }

  public synchronized void seen(long epochSeconds) {
    timestamp = Math.max(timestamp, epochSeconds);
  }

  public synchronized Map<String, Double> node(String name) {
    return nodes.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }

  public synchronized PodUsage pod(String namespace, String name) {
    return pods.computeIfAbsent(new Key(namespace, name), k -> new PodUsage());
  }

  public synchronized Map<String, Double> claim(String namespace, String name) {
    return claims.computeIfAbsent(new Key(namespace, name), k -> new LinkedHashMap<>());
  }

  /** The node's operating-system counters (Prometheus only), created on first use. */
  public synchronized NodeOs nodeOs(String name) {
    return nodeOs.computeIfAbsent(name, k -> new NodeOs());
  }

  public synchronized Optional<NodeOs> findNodeOs(String name) {
    return Optional.ofNullable(nodeOs.get(name));
  }

  public Optional<Map<String, Double>> findNode(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Optional<PodUsage> findPod(String namespace, String name) {
    return Optional.ofNullable(pods.get(new Key(namespace, name)));
  }

  public Optional<Map<String, Double>> findClaim(String namespace, String name) {
    return Optional.ofNullable(claims.get(new Key(namespace, name)));
  }

  public Map<String, Map<String, Double>> nodes() {
    return nodes;
  }

  public Map<Key, PodUsage> pods() {
    return pods;
  }

  /** Fills pod CPU and memory from the containers where the source gave only those. */
  public void completePods() {
    for (PodUsage p : pods.values()) {
      p.sumContainers(CPU);
      p.sumContainers(MEMORY);
    }
  }
}

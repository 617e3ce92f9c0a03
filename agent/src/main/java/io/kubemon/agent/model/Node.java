package io.kubemon.agent.model;

import java.util.List;
import java.util.Map;

/**
 * A node. {@code nodeInfo} holds {@code .status.nodeInfo} as given; {@code allocatable} and {@code
 * capacity} hold raw quantities.
 */
public record Node(
    ObjectMeta meta,
    boolean unschedulable,
    List<Taint> taints,
    List<Address> addresses,
    Map<String, String> nodeInfo,
    List<Condition> conditions,
    Map<String, String> allocatable,
    Map<String, String> capacity,
    Long kubeletPort) {

  public record Taint(String key, String value, String effect) {}

  public record Address(String type, String address) {}

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

  /** Roles from labels {@code node-role.kubernetes.io/<role>}, as kubectl shows them. */
  public List<String> roles() {
    return meta.labels().keySet().stream()
        .filter(k -> k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length())
        .map(k -> k.substring(ROLE_PREFIX.length()))
        .sorted()
        .toList();
  }

  public Condition condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }
}

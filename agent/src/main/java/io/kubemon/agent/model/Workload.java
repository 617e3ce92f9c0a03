package io.kubemon.agent.model;

import java.util.List;
import java.util.Map;

/**
 * A Deployment, DaemonSet or StatefulSet. Replica counts are already mapped from the kind's own
 * fields; {@code misscheduled} is null except for DaemonSets.
 */
public record Workload(
    WorkloadKind kind,
    ObjectMeta meta,
    Long observedGeneration,
    Map<String, String> selector,
    List<SelectorRequirement> matchExpressions,
    List<String> images,
    List<String> containerNames,
    Strategy strategy,
    long minReadySeconds,
    long desired,
    long ready,
    long updated,
    long available,
    Long misscheduled,
    List<Condition> conditions) {

  /** One entry of {@code .spec.selector.matchExpressions}: {@code In}, {@code NotIn}, ... */
  public record SelectorRequirement(String key, String operator, List<String> values) {}

  /** Values as written in the spec, e.g. {@code "25%"}. */
  public record Strategy(String type, String maxSurge, String maxUnavailable, String partition) {}
}

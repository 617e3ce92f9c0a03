package io.kubemon.agent.model;

import java.util.List;

/** A pod with the spec and status fields the sections use. */
public record Pod(
    ObjectMeta meta,
    String nodeName,
    String phase,
    String reason,
    String message,
    String qosClass,
    String restartPolicy,
    String dnsPolicy,
    boolean hostNetwork,
    String podIp,
    String hostIp,
    Long startTime,
    List<Condition> conditions,
    List<Container> initContainers,
    List<Container> containers,
    List<String> claimNames) {

  /** Succeeded and Failed pods hold no resources any more. */
  public boolean terminated() {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}

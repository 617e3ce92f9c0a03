package io.kubemon.agent.model;

import java.util.List;
import java.util.Map;

/** The metadata every object shares; times are epoch seconds, null when absent. */
public record ObjectMeta(
    String name,
    String namespace,
    String uid,
    Long creationTimestamp,
    Long deletionTimestamp,
    Long generation,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> owners) {

  /** The owner marked {@code controller: true}, which is what kubectl and the GC follow. */
  public OwnerReference controller() {
    for (OwnerReference owner : owners) { // a loop: called several times per pod and run
      if (owner.controller()) {
        return owner;
      }
    }
    return null;
  }
}

package io.kubemon.agent.usage;

import java.util.List;

/**
 * The cluster's objects as the Kubernetes API part read them; the usage part only maps samples
 * onto these. The integrator adapts the Kubernetes snapshot to it.
 */
public interface PodIndex {

  /** A controller in a pod's owner chain, nearest first (ReplicaSet, then Deployment). */
  record Owner(String kind, String name) {}

  /**
   * @param running phase Running; only running pods count towards object sums
   * @param controllers the owner chain, nearest first
   * @param claims names of the PersistentVolumeClaims the pod mounts
   */
  record Pod(
      String namespace,
      String name,
      String node,
      boolean running,
      List<Owner> controllers,
      List<String> claims) {
    public Pod {
      controllers = List.copyOf(controllers);
      claims = List.copyOf(claims);
    }
  }

  List<Pod> pods();

  List<String> nodes();

  List<String> namespaces();
}

package io.kubemon.it.sim.cluster;

/**
 * Resource usage of the simulated containers: a steady rate per container derived from its name, so
 * metrics.k8s.io, custom metrics and the kubelet's counters tell the same story.
 */
public final class Usage {
  private Usage() {}

  /** CPU in cores, between 2 and 250 millicores. */
  public static double cpuCores(String namespace, String pod, String container) {
    return (2 + Math.floorMod(hash(namespace, pod, container), 249)) / 1000.0;
  }

  /** Working set in bytes, between 16 MiB and 400 MiB. */
  public static long memoryBytes(String namespace, String pod, String container) {
    return (16L + Math.floorMod(hash(pod, container, namespace), 385)) * 1024 * 1024;
  }

  private static int hash(String a, String b, String c) {
    return (a + "/" + b + "/" + c).hashCode();
  }
}

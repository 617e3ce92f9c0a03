package io.kubemon.it.sim;

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

  /** A Kubernetes quantity for cores: {@code 10500m}, or whole cores as {@code 2}. */
  static String cpuQuantity(double cores) {
    long milli = Math.round(cores * 1000);
    return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
  }

  /** metrics-server style: nanocores. */
  static String nanocores(double cores) {
    return Math.round(cores * 1e9) + "n";
  }

  /** metrics-server style: KiB. */
  static String kibibytes(long bytes) {
    return (bytes / 1024) + "Ki";
  }
}

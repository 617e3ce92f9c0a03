package io.kubemon.it.sim.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

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

  /** As {@link #cpuCores(String, String, String)}, kept under 90 % of the container's limit. */
  public static double cpuCores(JsonObject pod, String container) {
    double cores = cpuCores(Json.namespace(pod), Json.name(pod), container);
    Double limit = limit(pod, container, "cpu");
    return limit == null ? cores : Math.min(cores, Math.floor(limit * 900) / 1000);
  }

  /**
   * As {@link #memoryBytes(String, String, String)}, kept under 90 % of the container's memory
   * limit, as the kernel keeps it: only a container whose last state says OOMKilled went over.
   */
  public static long memoryBytes(JsonObject pod, String container) {
    long bytes = memoryBytes(Json.namespace(pod), Json.name(pod), container);
    Double limit = limit(pod, container, "memory");
    if (limit == null || oomKilled(pod, container)) {
      return bytes;
    }
    return Math.min(bytes, (long) (limit * 0.9) / 1024 * 1024);
  }

  private static Double limit(JsonObject pod, String container, String resource) {
    JsonObject podSpec = pod.getAsJsonObject("spec");
    JsonArray containers = podSpec == null ? null : podSpec.getAsJsonArray("containers");
    if (containers == null) {
      return null;
    }
    for (JsonElement c : containers) {
      JsonObject spec = c.getAsJsonObject();
      JsonObject resources = spec.getAsJsonObject("resources");
      JsonObject limits = resources == null ? null : resources.getAsJsonObject("limits");
      if (spec.get("name").getAsString().equals(container) && limits != null
          && limits.has(resource)) {
        return quantity(limits.get(resource).getAsString());
      }
    }
    return null;
  }

  private static boolean oomKilled(JsonObject pod, String container) {
    JsonObject status = pod.getAsJsonObject("status");
    JsonArray statuses = status == null ? null : status.getAsJsonArray("containerStatuses");
    if (statuses == null) {
      return false;
    }
    for (JsonElement c : statuses) {
      JsonObject last = c.getAsJsonObject().getAsJsonObject("lastState");
      JsonObject terminated = last == null ? null : last.getAsJsonObject("terminated");
      if (c.getAsJsonObject().get("name").getAsString().equals(container) && terminated != null
          && "OOMKilled".equals(terminated.get("reason").getAsString())) {
        return true;
      }
    }
    return false;
  }

  /** The few quantity forms the simulator writes: 250m, 2, 64Mi, 1Gi, 100Ki. */
  static double quantity(String q) {
    String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"m", "0.001"}};
    for (String[] s : suffixes) {
      if (q.endsWith(s[0])) {
        return Double.parseDouble(q.substring(0, q.length() - s[0].length()))
            * Double.parseDouble(s[1]);
      }
    }
    return Double.parseDouble(q);
  }

  private static int hash(String a, String b, String c) {
    return (a + "/" + b + "/" + c).hashCode();
  }
}

package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;

/**
 * The three unhealthy pods of every generated cluster, each the only replica of its Deployment in
 * {@code default}: 0 {@code crashy} (CrashLoopBackOff, last terminated OOMKilled), 1 {@code
 * bad-image} (ImagePullBackOff, phase Pending), 2 {@code unschedulable} (Pending, no node).
 */
final class UnhealthyPods {
  private static final long HOUR = 3600;

  private final GeneratedObjects g;
  private final String app;
  private final String name;
  private final int index;
  private final String node;
  private final String hostIp;

  private UnhealthyPods(GeneratedObjects g, int which, int index) {
    this.g = g;
    this.app = GeneratedCluster.UNHEALTHY[which];
    this.name = g.replicaSetName(app) + "-" + g.suffix(app, 0);
    this.index = index;
    int nodes = g.cluster().spec.nodes();
    this.node = g.cluster().nodeName(index % nodes);
    this.hostIp = g.nodeIp(index % nodes);
  }

  static JsonObject pod(GeneratedObjects g, int which, int index) {
    UnhealthyPods pods = new UnhealthyPods(g, which, index);
    return switch (which) {
      case 0 -> pods.crashLooping();
      case 1 -> pods.imagePullBackOff();
      default -> pods.unschedulable();
    };
  }

  private JsonObject crashLooping() {
    JsonObject status = Pods.status(g, "Running", hostIp, g.podIp(index), 6 * HOUR, false);
    String message =
        "back-off 5m0s restarting failed container=app pod="
            + name
            + "_default("
            + g.uuid(name, index)
            + ")";
    JsonObject waiting =
        Json.of("waiting", Json.of("reason", "CrashLoopBackOff", "message", message));
    JsonObject last =
        Json.of(
            "terminated",
            Json.of(
                "exitCode",
                137,
                "reason",
                "OOMKilled",
                "startedAt",
                g.ago(400),
                "finishedAt",
                g.ago(390)));
    status.add(
        "containerStatuses",
        Json.array(Pods.containerStatus(g, "app", g.image(app), false, 42, waiting, last)));
    return Pods.pod(g, "default", name, node, owner(), app, "app", small(), status, 6 * HOUR);
  }

  private JsonObject imagePullBackOff() {
    JsonObject status = Pods.status(g, "Pending", hostIp, g.podIp(index), 2 * HOUR, false);
    String message = "Back-off pulling image \"" + g.image(app) + "\"";
    JsonObject waiting =
        Json.of("waiting", Json.of("reason", "ImagePullBackOff", "message", message));
    status.add(
        "containerStatuses",
        Json.array(
            Pods.containerStatus(g, "app", g.image(app), false, 0, waiting, new JsonObject())));
    return Pods.pod(g, "default", name, node, owner(), app, "app", small(), status, 2 * HOUR);
  }

  /** The scheduler's message when no node has the memory the pod requests. */
  private JsonObject unschedulable() {
    int nodes = g.cluster().spec.nodes();
    String message =
        String.format(
            "0/%d nodes are available: %d Insufficient memory. preemption: 0/%d nodes are"
                + " available: %d No preemption victims found for incoming pod.",
            nodes, nodes, nodes, nodes);
    JsonObject scheduled =
        Json.of(
            "type",
            "PodScheduled",
            "status",
            "False",
            "lastProbeTime",
            null,
            "lastTransitionTime",
            g.ago(HOUR),
            "reason",
            "Unschedulable",
            "message",
            message);
    JsonObject status =
        Json.of("phase", "Pending", "qosClass", "Burstable", "conditions", Json.array(scheduled));
    JsonObject huge =
        Json.of(
            "requests",
            Json.of("cpu", "100m", "memory", "64Gi"),
            "limits",
            Json.of("memory", "64Gi"));
    return Pods.pod(g, "default", name, null, owner(), app, "app", huge, status, HOUR);
  }

  private JsonObject owner() {
    return g.owner("ReplicaSet", g.replicaSetName(app));
  }

  private static JsonObject small() {
    return Json.of(
        "requests",
        Json.of("cpu", "50m", "memory", "64Mi"),
        "limits",
        Json.of("cpu", "200m", "memory", "64Mi"));
  }
}

package io.kubemon.it.sim.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Generated pods: healthy, completed, and the three unhealthy ones every demo cluster has. */
final class Pods {
  private static final long HOUR = 3600;

  private Pods() {}

  static JsonObject running(
      GeneratedObjects g,
      String namespace,
      String name,
      String node,
      String hostIp,
      JsonObject owner,
      String app,
      String container,
      int index,
      long age) {
    JsonObject status = status(g, "Running", hostIp, g.podIp(index), age, true);
    status.add(
        "containerStatuses",
        Json.array(
            containerStatus(
                g,
                container,
                g.image(app),
                true,
                0,
                Json.of("running", Json.of("startedAt", g.ago(age - 5))),
                new JsonObject())));
    return pod(g, namespace, name, node, owner, app, container, resources(app), status, age);
  }

  static JsonObject completed(
      GeneratedObjects g,
      String namespace,
      String name,
      String node,
      String hostIp,
      JsonObject owner,
      String app,
      int index) {
    JsonObject status = status(g, "Succeeded", hostIp, g.podIp(index), 1800, false);
    // As the kubelet reports a pod whose containers all exited 0 (recorded on k3s v1.33): the
    // sandbox is gone, and Initialized, Ready and ContainersReady give the reason PodCompleted.
    for (JsonElement c : status.getAsJsonArray("conditions")) {
      JsonObject condition = c.getAsJsonObject();
      switch (condition.get("type").getAsString()) {
        case "PodReadyToStartContainers" -> condition.addProperty("status", "False");
        case "Initialized", "Ready", "ContainersReady" -> {
          condition.addProperty("reason", "PodCompleted");
          condition.remove("message");
        }
        default -> { }
      }
    }
    JsonObject terminated =
        Json.of(
            "terminated",
            Json.of(
                "exitCode",
                0,
                "reason",
                "Completed",
                "startedAt",
                g.ago(1795),
                "finishedAt",
                g.ago(1745)));
    status.add(
        "containerStatuses",
        Json.array(
            containerStatus(g, "app", g.image(app), false, 0, terminated, new JsonObject())));
    JsonObject pod =
        pod(g, namespace, name, node, owner, app, "app", resources(app), status, 1800);
    pod.getAsJsonObject("spec").addProperty("restartPolicy", "OnFailure");
    return pod;
  }

  static JsonObject withClaim(JsonObject pod, String claim) {
    pod.getAsJsonObject("spec")
        .add(
            "volumes",
            Json.array(
                Json.of("name", "data", "persistentVolumeClaim", Json.of("claimName", claim))));
    return pod;
  }

  static JsonObject pod(
      GeneratedObjects g,
      String namespace,
      String name,
      String node,
      JsonObject owner,
      String app,
      String container,
      JsonObject resources,
      JsonObject status,
      long age) {
    JsonObject spec =
        Json.of(
            "containers",
            Json.array(
                Json.of(
                    "name",
                    container,
                    "image",
                    g.image(app),
                    "resources",
                    resources,
                    "imagePullPolicy",
                    "IfNotPresent")),
            "restartPolicy",
            "Always",
            "serviceAccountName",
            "default",
            "schedulerName",
            "default-scheduler",
            "nodeName",
            node);
    if (node == null) {
      spec.remove("nodeName");
    }
    JsonObject labels = Json.of("app", app);
    if ("ReplicaSet".equals(Json.str(owner, "kind"))) {
      labels.addProperty("pod-template-hash", g.hex(app, 10));
    }
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "Pod",
        "metadata",
        Json.of(
            "name",
            name,
            "namespace",
            namespace,
            "uid",
            g.uuid(name, 0).toString(),
            "creationTimestamp",
            g.ago(age),
            "labels",
            labels,
            "ownerReferences",
            Json.array(owner)),
        "spec",
        spec,
        "status",
        status);
  }

  static JsonObject status(
      GeneratedObjects g, String phase, String hostIp, String podIp, long age, boolean ready) {
    String r = ready ? "True" : "False";
    JsonArray conditions =
        Json.array(
            condition(g, "PodReadyToStartContainers", "True", age),
            condition(g, "Initialized", "True", age),
            condition(g, "Ready", r, age),
            condition(g, "ContainersReady", r, age),
            condition(g, "PodScheduled", "True", age));
    return Json.of(
        "phase",
        phase,
        "conditions",
        conditions,
        "hostIP",
        hostIp,
        "hostIPs",
        Json.array(Json.of("ip", hostIp)),
        "podIP",
        podIp,
        "podIPs",
        Json.array(Json.of("ip", podIp)),
        "startTime",
        g.ago(age),
        "qosClass",
        "Burstable");
  }

  private static JsonObject condition(GeneratedObjects g, String type, String status, long age) {
    JsonObject c =
        Json.of(
            "type",
            type,
            "status",
            status,
            "lastProbeTime",
            null,
            "lastTransitionTime",
            g.ago(age - 3));
    if (!"True".equals(status)) {
      c.addProperty("reason", "ContainersNotReady");
      c.addProperty("message", "containers with unready status: [app]");
    }
    return c;
  }

  static JsonObject containerStatus(
      GeneratedObjects g,
      String name,
      String image,
      boolean ready,
      int restarts,
      JsonObject state,
      JsonObject lastState) {
    return Json.of(
        "name",
        name,
        "state",
        state,
        "lastState",
        lastState,
        "ready",
        ready,
        "restartCount",
        restarts,
        "image",
        image,
        "imageID",
        ready ? image + "@sha256:" + g.hex(image, 16) : "",
        "containerID",
        "containerd://" + g.hex(name + image, 16),
        "started",
        ready);
  }

  /** Most apps set requests and limits; every fourth sets none (BestEffort in real life). */
  /**
   * The container resources of every pod of {@code app}: the pods of one ReplicaSet, DaemonSet,
   * StatefulSet or Job come from one template, so they request the same.
   */
  static JsonObject resources(String app) {
    return switch (Math.floorMod(app.hashCode(), 4)) {
      case 0 -> new JsonObject();
      case 1 -> Json.of("requests", Json.of("cpu", "100m", "memory", "128Mi"));
      default ->
          Json.of(
              "requests",
              Json.of("cpu", "250m", "memory", "256Mi"),
              "limits",
              Json.of("cpu", "500m", "memory", "512Mi"));
    };
  }
}

package io.kubemon.it.sim.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The JSON of each generated object, shaped like the k3s recording's objects. */
final class GeneratedObjects {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final long DAY = 86_400;

  private final GeneratedCluster cluster;
  private final long seed;

  GeneratedObjects(GeneratedCluster cluster) {
    this.cluster = cluster;
    this.seed = cluster.spec.seed();
  }

  JsonObject node(int n) {
    String name = cluster.nodeName(n);
    JsonObject labels =
        Json.of(
            "kubernetes.io/hostname",
            name,
            "kubernetes.io/os",
            "linux",
            "kubernetes.io/arch",
            "amd64");
    if (n == 0) {
      labels.addProperty("node-role.kubernetes.io/control-plane", "true");
    }
    JsonObject status = nodeStatus(n, name);
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "Node",
        "metadata",
        Json.of(
            "name",
            name,
            "uid",
            uuid("node", n).toString(),
            "creationTimestamp",
            ago(30 * DAY),
            "labels",
            labels),
        "spec",
        Json.of("podCIDR", "10.42." + (n % 256) + ".0/24", "providerID", "k3s://" + name),
        "status",
        status);
  }

  /** Capacity and allocatable of a 4-core, 16 GiB node, as the k3s recording's node has. */
  private JsonObject nodeStatus(int n, String name) {
    JsonObject capacity =
        Json.of(
            "cpu", "4", "memory", "16393136Ki", "pods", "110", "ephemeral-storage", "102626232Ki");
    JsonObject allocatable =
        Json.of(
            "cpu", "4", "memory", "16393136Ki", "pods", "110", "ephemeral-storage", "99833802500");
    JsonArray conditions = nodeConditions();
    JsonObject nodeInfo = nodeInfo(n);
    return Json.of(
        "capacity",
        capacity,
        "allocatable",
        allocatable,
        "conditions",
        conditions,
        "addresses",
        Json.array(
            Json.of("type", "InternalIP", "address", nodeIp(n)),
            Json.of("type", "Hostname", "address", name)),
        "daemonEndpoints",
        Json.of("kubeletEndpoint", Json.of("Port", 10250)),
        "nodeInfo",
        nodeInfo);
  }

  private JsonArray nodeConditions() {
    return Json.array(
        nodeCondition(
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available"),
        nodeCondition(
            "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        nodeCondition(
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available"),
        nodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status"));
  }

  private JsonObject nodeInfo(int n) {
    return Json.of(
        "machineID",
        hex("machine" + n, 32),
        "systemUUID",
        uuid("node", n).toString(),
        "bootID",
        uuid("boot", n).toString(),
        "kernelVersion",
        "6.8.0-45-generic",
        "osImage",
        "Ubuntu 24.04.2 LTS",
        "containerRuntimeVersion",
        "containerd://2.0.5-k3s2",
        "kubeletVersion",
        "v1.33.4+k3s1",
        "kubeProxyVersion",
        "v1.33.4+k3s1",
        "operatingSystem",
        "linux",
        "architecture",
        "amd64");
  }

  JsonObject namespace(int i) {
    String name = cluster.namespaces.get(i);
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "Namespace",
        "metadata",
        Json.of(
            "name",
            name,
            "uid",
            uuid("ns", i).toString(),
            "creationTimestamp",
            ago(30 * DAY),
            "labels",
            Json.of("kubernetes.io/metadata.name", name)),
        "spec",
        Json.of("finalizers", Json.array("kubernetes")),
        "status",
        Json.of("phase", "Active"));
  }

  JsonObject pod(int i) {
    int nodes = cluster.spec.nodes();
    if (i < nodes) {
      String name = "node-agent-" + suffix("node-agent", i);
      return Pods.running(
          this,
          "kube-system",
          name,
          cluster.nodeName(i),
          nodeIp(i),
          owner("DaemonSet", "node-agent"),
          "node-agent",
          "agent",
          i,
          2 * DAY);
    }
    if (i < nodes + cluster.specials) {
      return UnhealthyPods.pod(this, i - nodes, i);
    }
    int app = (i - nodes - cluster.specials) / 3;
    int replica = (i - nodes - cluster.specials) % 3;
    String appName = cluster.appName(app);
    String node = cluster.nodeName(i % nodes);
    String namespace = cluster.appNamespace(app);
    return switch (cluster.appKind(app)) {
      case "StatefulSet" ->
          Pods.withClaim(
              Pods.running(
                  this,
                  namespace,
                  appName + "-" + replica,
                  node,
                  nodeIp(i % nodes),
                  owner("StatefulSet", appName),
                  appName,
                  "app",
                  i,
                  5 * DAY),
              "data-" + appName + "-" + replica);
      case "CronJob" ->
          Pods.completed(
              this,
              namespace,
              jobName(app) + "-" + suffix(appName, replica),
              node,
              nodeIp(i % nodes),
              owner("Job", jobName(app)),
              appName,
              i);
      default ->
          Pods.running(
              this,
              namespace,
              replicaSetName(appName) + "-" + suffix(appName, replica),
              node,
              nodeIp(i % nodes),
              owner("ReplicaSet", replicaSetName(appName)),
              appName,
              "app",
              i,
              3 * DAY);
    };
  }

  JsonObject owner(String kind, String name) {
    String apiVersion = kind.equals("Job") || kind.equals("CronJob") ? "batch/v1" : "apps/v1";
    return Json.of(
        "apiVersion",
        apiVersion,
        "kind",
        kind,
        "name",
        name,
        "uid",
        uuid(kind + name, 0).toString(),
        "controller",
        true,
        "blockOwnerDeletion",
        true);
  }

  private JsonObject nodeCondition(String type, String status, String reason, String message) {
    return Json.of(
        "type",
        type,
        "status",
        status,
        "lastHeartbeatTime",
        ago(20),
        "lastTransitionTime",
        ago(30 * DAY),
        "reason",
        reason,
        "message",
        message);
  }

  String image(String app) {
    return "registry.example.com/"
        + app.replaceAll("-\\d+$", "")
        + ":1."
        + Math.floorMod(app.hashCode(), 9)
        + ".0";
  }

  String replicaSetName(String app) {
    return app + "-" + hex(app, 10);
  }

  String nodeIp(int n) {
    return "10.0." + (n / 250) + "." + (n % 250 + 2);
  }

  String podIp(int i) {
    return "10.42." + (i / 250 % 256) + "." + (i % 250 + 2);
  }

  /** An RFC 3339 time the given seconds before {@code now}. */
  String ago(long seconds) {
    return cluster.spec.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds).toString();
  }

  UUID uuid(String name, int index) {
    return new UUID(mix(seed ^ name.hashCode()), mix(seed + index * 31L + name.length()));
  }

  String hex(String name, int length) {
    String h = Long.toHexString(mix(seed ^ name.hashCode()) | Long.MIN_VALUE);
    return h.substring(0, Math.min(length, h.length()));
  }

  /** Five characters from the alphabet Kubernetes uses for generated name suffixes. */
  String suffix(String name, int index) {
    long v = Math.abs(mix(seed * 31 + name.hashCode() * 17L + index));
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < 5; k++) {
      out.append(ALPHABET.charAt((int) (v % ALPHABET.length())));
      v /= ALPHABET.length();
    }
    return out.toString();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  String jobName(int app) {
    return cluster.appName(app) + "-29400000";
  }

  GeneratedCluster cluster() {
    return cluster;
  }
}

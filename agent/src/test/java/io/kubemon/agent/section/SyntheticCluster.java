package io.kubemon.agent.section;

import io.kubemon.agent.source.kube.PagedApi;

/**
 * A small hand-written cluster with one object of every kind, including what the recordings lack
 * (CronJob with a Job, claims, volumes, quotas, an init container). Sources can be made to fail.
 */
final class SyntheticCluster {
  private SyntheticCluster() {}

  private static String list(String... items) {
    return "{\"metadata\":{},\"items\":[" + String.join(",", items) + "]}";
  }

  private static String meta(String name, String namespace, String owner) {
    String ns = namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"";
    String own =
        owner == null
            ? ""
            : ",\"ownerReferences\":[{\"kind\":\""
                + owner.split("/")[0]
                + "\",\"name\":\""
                + owner.split("/")[1]
                + "\",\"controller\":true}]";
    return "\"metadata\":{\"name\":\""
        + name
        + "\""
        + ns
        + ",\"uid\":\"u-"
        + name
        + "\",\"creationTimestamp\":\"2025-09-11T10:00:00Z\",\"generation\":2"
        + ",\"labels\":{\"app\":\""
        + name
        + "\"},\"annotations\":{\"team\":\"ops\"}"
        + own
        + "}";
  }

  static final String NODE =
      "{"
          + meta("n1", null, null).replace("\"app\"", "\"node-role.kubernetes.io/worker\"")
          + ",\"spec\":{\"taints\":[{\"key\":\"k\",\"value\":\"v\",\"effect\":\"NoSchedule\"}]},"
          + "\"status\":{\"capacity\":{\"cpu\":\"4\",\"memory\":\"8Gi\",\"pods\":\"110\"},"
          + "\"allocatable\":{\"cpu\":\"3800m\",\"memory\":\"7Gi\",\"pods\":\"110\"},"
          + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\","
          + "\"lastHeartbeatTime\":\"2025-09-11T11:00:00Z\",\"lastTransitionTime\":\"2025-09-11T10:00:00Z\"}],"
          + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.1\"}],"
          + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":10250}},"
          + "\"nodeInfo\":{\"kubeletVersion\":\"v1.33.1\",\"osImage\":\"Debian\"}}}";

  static final String POD =
      "{"
          + meta("web-0", "shop", "StatefulSet/web")
          + ",\"spec\":{\"nodeName\":\"n1\",\"restartPolicy\":\"Always\","
          + "\"initContainers\":[{\"name\":\"init\",\"image\":\"busybox\"}],"
          + "\"containers\":[{\"name\":\"app\",\"image\":\"nginx\",\"resources\":{\"requests\":"
          + "{\"cpu\":\"250m\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":\"1\",\"memory\":\"128Mi\"}}}],"
          + "\"volumes\":[{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"data-web-0\"}},"
          + "{\"name\":\"gone\",\"persistentVolumeClaim\":{\"claimName\":\"missing\"}}]},"
          + "\"status\":{\"phase\":\"Running\",\"qosClass\":\"Burstable\",\"startTime\":\"2025-09-11T10:00:01Z\","
          + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
          + "\"initContainerStatuses\":[{\"name\":\"init\",\"ready\":true,\"restartCount\":0,"
          + "\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}],"
          + "\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":1,"
          + "\"state\":{\"running\":{\"startedAt\":\"2025-09-11T10:00:05Z\"}},"
          + "\"lastState\":{\"terminated\":{\"exitCode\":137,\"reason\":\"OOMKilled\"}}}]}}";

  static final String JOB_POD =
      POD.replace("web-0", "backup-1-x")
          .replace("StatefulSet/web", "Job/backup-1")
          .replace("StatefulSet\",\"name\":\"web", "Job\",\"name\":\"backup-1");

  static PagedApi api() {
    return new PagedApi()
        .body("/version", "{\"gitVersion\":\"v1.33.1\",\"platform\":\"linux/amd64\"}")
        .body("/livez", "ok")
        .body("/readyz", "[+]ping ok\nreadyz check passed")
        .body("/api/v1/nodes/n1/proxy/healthz", "ok")
        .body("/api/v1/nodes", list(NODE))
        .body(
            "/api/v1/namespaces",
            list("{" + meta("shop", null, null) + ",\"status\":{\"phase\":\"Active\"}}"))
        .body("/api/v1/pods", list(POD, JOB_POD))
        .body(
            "/apis/apps/v1/statefulsets",
            list(
                workload(
                    "web",
                    "updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}")))
        .body(
            "/apis/apps/v1/deployments",
            list(
                workload(
                    "api",
                    "strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1}}")))
        .body(
            "/apis/apps/v1/daemonsets",
            list(workload("agent", "updateStrategy\":{\"type\":\"OnDelete\"}")))
        .body("/apis/apps/v1/replicasets", list())
        .body(
            "/apis/batch/v1/jobs",
            list(
                "{"
                    + meta("backup-1", "shop", "CronJob/backup")
                    + ",\"status\":{\"succeeded\":1,\"startTime\":\"2025-09-11T10:00:00Z\",\"completionTime\":\"2025-09-11T10:01:00Z\","
                    + "\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}}",
                "{"
                    + meta("migrate", "shop", null)
                    + ",\"spec\":{\"completions\":1,\"backoffLimit\":2,\"activeDeadlineSeconds\":600},"
                    + "\"status\":{\"failed\":3,\"startTime\":\"2025-09-11T10:00:00Z\","
                    + "\"conditions\":[{\"type\":\"Failed\",\"status\":\"True\",\"reason\":\"BackoffLimitExceeded\"}]}}"))
        .body(
            "/apis/batch/v1/cronjobs",
            list(
                "{"
                    + meta("backup", "shop", null)
                    + ",\"spec\":{\"schedule\":\"*/5 * * *"
                    + " *\",\"concurrencyPolicy\":\"Forbid\",\"suspend\":false},"
                    + "\"status\":{\"active\":[{\"name\":\"backup-1\"}],\"lastScheduleTime\":\"2025-09-11T10:00:00Z\"}}"))
        .body(
            "/api/v1/persistentvolumes",
            list(
                "{"
                    + meta("pv-1", null, null)
                    + ",\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"storageClassName\":\"local\","
                    + "\"claimRef\":{\"namespace\":\"shop\",\"name\":\"data-web-0\"},\"persistentVolumeReclaimPolicy\":\"Delete\"},"
                    + "\"status\":{\"phase\":\"Bound\"}}"))
        .body(
            "/api/v1/persistentvolumeclaims",
            list(
                "{"
                    + meta("data-web-0", "shop", null)
                    + ",\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"local\",\"volumeName\":\"pv-1\","
                    + "\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}},\"status\":{\"phase\":\"Bound\",\"capacity\":{\"storage\":\"1Gi\"}}}"))
        .body(
            "/apis/storage.k8s.io/v1/storageclasses",
            list(
                "{"
                    + meta("local", null, null)
                        .replace(
                            "\"team\":\"ops\"",
                            "\"storageclass.kubernetes.io/is-default-class\":\"true\"")
                    + ",\"provisioner\":\"rancher.io/local-path\"}"))
        .body(
            "/api/v1/resourcequotas",
            list(
                "{"
                    + meta("compute", "shop", null)
                    + ",\"spec\":{\"scopes\":[\"NotTerminating\"]},\"status\":{\"hard\":{\"requests.cpu\":\"2\",\"limits.memory\":\"8Gi\",\"pods\":\"20\"},"
                    + "\"used\":{\"requests.cpu\":\"250m\",\"limits.memory\":\"128Mi\",\"pods\":\"2\"}}}"));
  }

  /** The Deployment "api" also selects by matchExpressions (the other two by labels only). */
  static final String API_EXPRESSIONS =
      ",\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"canary\"]},"
          + "{\"key\":\"track\",\"operator\":\"Exists\"}]";

  private static String workload(String name, String strategy) {
    return "{"
        + meta(name, "shop", null)
        + ",\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\""
        + name
        + "\"}"
        + (name.equals("api") ? API_EXPRESSIONS : "")
        + "},\""
        + strategy
        + ",\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]}}},"
        + "\"status\":{\"observedGeneration\":2,\"replicas\":2,\"readyReplicas\":1,\"numberReady\":1,"
        + "\"desiredNumberScheduled\":1,\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}}";
  }
}

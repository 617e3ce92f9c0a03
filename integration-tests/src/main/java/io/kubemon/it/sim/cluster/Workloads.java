package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;

/** Generated Deployments, ReplicaSets, DaemonSets, StatefulSets, CronJobs and Jobs. */
final class Workloads {
  static final String FAILED_JOB = "db-migrate";

  private static final long DAY = 86_400;

  private final GeneratedObjects g;

  Workloads(GeneratedObjects g) {
    this.g = g;
  }

  JsonObject deployment(int app) {
    boolean special = app < 0;
    String name = special ? GeneratedCluster.UNHEALTHY[-1 - app] : g.cluster().appName(app);
    String namespace = special ? "default" : g.cluster().appNamespace(app);
    int replicas = special ? 1 : 3;
    int ready = special ? 0 : 3;
    JsonObject status =
        Json.of(
            "observedGeneration",
            1,
            "replicas",
            replicas,
            "updatedReplicas",
            replicas,
            "readyReplicas",
            ready,
            "availableReplicas",
            ready,
            "conditions",
            Json.array(
                workloadCondition(
                    "Available",
                    ready > 0 ? "True" : "False",
                    ready > 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    ready > 0
                        ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.")));
    JsonObject spec =
        Json.of(
            "replicas",
            replicas,
            "selector",
            Json.of("matchLabels", Json.of("app", name)),
            "template",
            template(name, g.image(name)),
            "strategy",
            Json.of(
                "type",
                "RollingUpdate",
                "rollingUpdate",
                Json.of("maxUnavailable", "25%", "maxSurge", "25%")));
    return workload("apps/v1", "Deployment", namespace, name, spec, status);
  }

  JsonObject replicaSet(int app) {
    boolean special = app < 0;
    String name = special ? GeneratedCluster.UNHEALTHY[-1 - app] : g.cluster().appName(app);
    String namespace = special ? "default" : g.cluster().appNamespace(app);
    int replicas = special ? 1 : 3;
    JsonObject rs =
        workload(
            "apps/v1",
            "ReplicaSet",
            namespace,
            g.replicaSetName(name),
            Json.of(
                "replicas",
                replicas,
                "selector",
                Json.of("matchLabels", Json.of("app", name, "pod-template-hash", g.hex(name, 10))),
                "template",
                template(name, g.image(name))),
            Json.of(
                "replicas",
                replicas,
                "readyReplicas",
                special ? 0 : 3,
                "availableReplicas",
                special ? 0 : 3,
                "observedGeneration",
                1));
    rs.getAsJsonObject("metadata").add("ownerReferences", Json.array(g.owner("Deployment", name)));
    return rs;
  }

  JsonObject daemonSet() {
    int n = g.cluster().spec.nodes();
    JsonObject status =
        Json.of(
            "currentNumberScheduled",
            n,
            "numberMisscheduled",
            0,
            "desiredNumberScheduled",
            n,
            "numberReady",
            n,
            "observedGeneration",
            1,
            "updatedNumberScheduled",
            n,
            "numberAvailable",
            n);
    return workload(
        "apps/v1",
        "DaemonSet",
        "kube-system",
        "node-agent",
        Json.of(
            "selector",
            Json.of("matchLabels", Json.of("app", "node-agent")),
            "template",
            template("node-agent", g.image("node-agent")),
            "updateStrategy",
            Json.of(
                "type",
                "RollingUpdate",
                "rollingUpdate",
                Json.of("maxUnavailable", 1, "maxSurge", 0))),
        status);
  }

  JsonObject statefulSet(int app) {
    String name = g.cluster().appName(app);
    return workload(
        "apps/v1",
        "StatefulSet",
        g.cluster().appNamespace(app),
        name,
        Json.of(
            "replicas",
            3,
            "serviceName",
            name,
            "selector",
            Json.of("matchLabels", Json.of("app", name)),
            "template",
            template(name, g.image(name)),
            "updateStrategy",
            Json.of("type", "RollingUpdate", "rollingUpdate", Json.of("partition", 0))),
        Json.of(
            "observedGeneration",
            1,
            "replicas",
            3,
            "readyReplicas",
            3,
            "currentReplicas",
            3,
            "updatedReplicas",
            3,
            "availableReplicas",
            3));
  }

  JsonObject cronJob(int app) {
    String name = g.cluster().appName(app);
    return workload(
        "batch/v1",
        "CronJob",
        g.cluster().appNamespace(app),
        name,
        Json.of(
            "schedule",
            "0 * * * *",
            "concurrencyPolicy",
            "Forbid",
            "suspend",
            false,
            "successfulJobsHistoryLimit",
            3,
            "failedJobsHistoryLimit",
            1,
            "jobTemplate",
            Json.of(
                "spec",
                Json.of(
                    "completions",
                    3,
                    "parallelism",
                    3,
                    "template",
                    template(name, g.image(name))))),
        Json.of("lastScheduleTime", g.ago(1800), "lastSuccessfulTime", g.ago(1740)));
  }

  JsonObject job(int app) {
    String cronJob = g.cluster().appName(app);
    JsonObject job =
        workload(
            "batch/v1",
            "Job",
            g.cluster().appNamespace(app),
            g.jobName(app),
            Json.of(
                "completions",
                3,
                "parallelism",
                3,
                "backoffLimit",
                6,
                "template",
                template(cronJob, g.image(cronJob))),
            Json.of(
                "startTime",
                g.ago(1800),
                "completionTime",
                g.ago(1740),
                "succeeded",
                3,
                "active",
                0,
                "ready",
                0,
                "conditions",
                Json.array(workloadCondition("Complete", "True", null, null))));
    job.getAsJsonObject("metadata").add("ownerReferences", Json.array(g.owner("CronJob", cronJob)));
    return job;
  }

  /**
   * {@code default/db-migrate}: a Job run by hand (no CronJob owns it) that gave up after its one
   * pod failed, as {@code backoffLimit: 0} makes the Job controller do.
   */
  JsonObject failedStandaloneJob() {
    JsonObject failed =
        workloadCondition(
            "Failed",
            "True",
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit");
    return workload(
        "batch/v1",
        "Job",
        "default",
        FAILED_JOB,
        Json.of("completions", 1, "backoffLimit", 0, "template", template(FAILED_JOB, "busybox")),
        Json.of(
            "startTime", g.ago(3600), "failed", 1, "active", 0, "conditions", Json.array(failed)));
  }

  JsonObject workload(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      JsonObject spec,
      JsonObject status) {
    return Json.of(
        "apiVersion",
        apiVersion,
        "kind",
        kind,
        "metadata",
        Json.of(
            "name",
            name,
            "namespace",
            namespace,
            "uid",
            g.uuid(kind + namespace + name, 0).toString(),
            "generation",
            1,
            "creationTimestamp",
            g.ago(5 * DAY),
            "labels",
            Json.of("app", name)),
        "spec",
        spec,
        "status",
        status);
  }

  JsonObject template(String app, String image) {
    return Json.of(
        "metadata",
        Json.of("labels", Json.of("app", app)),
        "spec",
        Json.of("containers", Json.array(Json.of("name", "app", "image", image))));
  }

  JsonObject workloadCondition(String type, String status, String reason, String message) {
    return Json.of(
        "type",
        type,
        "status",
        status,
        "lastUpdateTime",
        g.ago(DAY),
        "lastTransitionTime",
        g.ago(DAY),
        "reason",
        reason,
        "message",
        message);
  }
}

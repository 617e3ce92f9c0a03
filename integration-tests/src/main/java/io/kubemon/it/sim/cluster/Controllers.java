package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;
import java.time.Instant;

/** What the real controllers would do to an applied object, as far as the agent can see it. */
final class Controllers {
  private Controllers() {}

  static void reconcile(ClusterStore store, Resource resource, JsonObject object) {
    switch (resource.kind()) {
      case "Secret" -> fillServiceAccountToken(store, object);
      case "Deployment" -> markDeploymentReady(object);
      case "APIService" -> markAvailable(object);
      default -> {
        // Other kinds are stored as applied.
      }
    }
  }

  /** The token controller: {@code token}, {@code ca.crt} and {@code namespace}, base64 encoded. */
  private static void fillServiceAccountToken(ClusterStore store, JsonObject secret) {
    if (!"kubernetes.io/service-account-token".equals(Json.str(secret, "type"))) {
      return;
    }
    JsonObject annotations = Json.obj(Json.obj(secret, "metadata"), "annotations");
    String account = Json.str(annotations, "kubernetes.io/service-account.name");
    String namespace = Json.namespace(secret);
    if (account == null || namespace == null) {
      return;
    }
    String token = store.issueToken(User.serviceAccount(namespace, account));
    JsonObject data = new JsonObject();
    data.addProperty("token", ClusterStore.base64(token));
    data.addProperty("ca.crt", ClusterStore.base64(store.caPem()));
    data.addProperty("namespace", ClusterStore.base64(namespace));
    secret.add("data", data);
  }

  private static void markDeploymentReady(JsonObject deployment) {
    JsonObject spec = Json.obj(deployment, "spec");
    int replicas = spec != null && spec.has("replicas") ? spec.get("replicas").getAsInt() : 1;
    JsonObject status = new JsonObject();
    status.addProperty("observedGeneration", 1);
    status.addProperty("replicas", replicas);
    status.addProperty("readyReplicas", replicas);
    status.addProperty("updatedReplicas", replicas);
    status.addProperty("availableReplicas", replicas);
    status.add(
        "conditions",
        Json.array(
            condition(
                "Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
            condition(
                "Progressing",
                "NewReplicaSetAvailable",
                "ReplicaSet has successfully progressed.")));
    deployment.add("status", status);
  }

  private static void markAvailable(JsonObject apiService) {
    JsonObject status = new JsonObject();
    status.add("conditions", Json.array(condition("Available", "Passed", "all checks passed")));
    apiService.add("status", status);
  }

  private static JsonObject condition(String type, String reason, String message) {
    String now = Instant.now().toString();
    return Json.of(
        "type",
        type,
        "status",
        "True",
        "lastUpdateTime",
        now,
        "lastTransitionTime",
        now,
        "reason",
        reason,
        "message",
        message);
  }
}

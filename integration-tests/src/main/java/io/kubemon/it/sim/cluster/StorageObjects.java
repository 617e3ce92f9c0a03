package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;

/** Generated PVCs, PVs, resource quotas and the default StorageClass. */
final class StorageObjects {
  private static final long DAY = 86_400;

  private final GeneratedObjects g;

  StorageObjects(GeneratedObjects g) {
    this.g = g;
  }

  JsonObject claim(int app, int replica) {
    String name = "data-" + g.cluster().appName(app) + "-" + replica;
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "PersistentVolumeClaim",
        "metadata",
        Json.of(
            "name",
            name,
            "namespace",
            g.cluster().appNamespace(app),
            "uid",
            g.uuid(name, app).toString(),
            "creationTimestamp",
            g.ago(5 * DAY)),
        "spec",
        Json.of(
            "accessModes",
            Json.array("ReadWriteOnce"),
            "resources",
            Json.of("requests", Json.of("storage", "1Gi")),
            "storageClassName",
            "local-path",
            "volumeName",
            volumeName(name, app),
            "volumeMode",
            "Filesystem"),
        "status",
        Json.of(
            "phase",
            "Bound",
            "accessModes",
            Json.array("ReadWriteOnce"),
            "capacity",
            Json.of("storage", "1Gi")));
  }

  JsonObject volume(int app, int replica) {
    String claim = "data-" + g.cluster().appName(app) + "-" + replica;
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "PersistentVolume",
        "metadata",
        Json.of(
            "name",
            volumeName(claim, app),
            "uid",
            g.uuid("pv" + claim, app).toString(),
            "creationTimestamp",
            g.ago(5 * DAY)),
        "spec",
        Json.of(
            "capacity",
            Json.of("storage", "1Gi"),
            "accessModes",
            Json.array("ReadWriteOnce"),
            "persistentVolumeReclaimPolicy",
            "Delete",
            "storageClassName",
            "local-path",
            "claimRef",
            Json.of(
                "kind",
                "PersistentVolumeClaim",
                "namespace",
                g.cluster().appNamespace(app),
                "name",
                claim)),
        "status",
        Json.of("phase", "Bound"));
  }

  JsonObject quota(String namespace, JsonObject used) {
    return Json.of(
        "apiVersion",
        "v1",
        "kind",
        "ResourceQuota",
        "metadata",
        Json.of(
            "name",
            "compute",
            "namespace",
            namespace,
            "uid",
            g.uuid("quota" + namespace, 0).toString(),
            "creationTimestamp",
            g.ago(30 * DAY)),
        "spec",
        Json.of(
            "hard",
            Json.of(
                "requests.cpu",
                "20",
                "limits.cpu",
                "40",
                "requests.memory",
                "64Gi",
                "limits.memory",
                "128Gi",
                "pods",
                "500")),
        "status",
        Json.of(
            "hard",
            Json.of(
                "requests.cpu",
                "20",
                "limits.cpu",
                "40",
                "requests.memory",
                "64Gi",
                "limits.memory",
                "128Gi",
                "pods",
                "500"),
            "used",
            used));
  }

  JsonObject storageClass() {
    return Json.of(
        "apiVersion",
        "storage.k8s.io/v1",
        "kind",
        "StorageClass",
        "metadata",
        Json.of(
            "name",
            "local-path",
            "uid",
            g.uuid("sc", 0).toString(),
            "creationTimestamp",
            g.ago(30 * DAY),
            "annotations",
            Json.of("storageclass.kubernetes.io/is-default-class", "true")),
        "provisioner",
        "rancher.io/local-path",
        "reclaimPolicy",
        "Delete",
        "volumeBindingMode",
        "WaitForFirstConsumer");
  }

  String volumeName(String claim, int app) {
    return "pvc-" + g.uuid(claim, app);
  }
}

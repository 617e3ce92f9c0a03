package io.kubemon.it.sim.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One Kubernetes resource type as the API server routes it: group, version and plural name. */
public record Resource(
    String group, String version, String plural, String kind, boolean namespaced) {

  public static final List<Resource> KNOWN =
      List.of(
          new Resource("", "v1", "nodes", "Node", false),
          new Resource("", "v1", "namespaces", "Namespace", false),
          new Resource("", "v1", "pods", "Pod", true),
          new Resource("", "v1", "persistentvolumes", "PersistentVolume", false),
          new Resource("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
          new Resource("", "v1", "resourcequotas", "ResourceQuota", true),
          new Resource("", "v1", "secrets", "Secret", true),
          new Resource("", "v1", "configmaps", "ConfigMap", true),
          new Resource("", "v1", "services", "Service", true),
          new Resource("", "v1", "serviceaccounts", "ServiceAccount", true),
          new Resource("apps", "v1", "deployments", "Deployment", true),
          new Resource("apps", "v1", "replicasets", "ReplicaSet", true),
          new Resource("apps", "v1", "daemonsets", "DaemonSet", true),
          new Resource("apps", "v1", "statefulsets", "StatefulSet", true),
          new Resource("batch", "v1", "jobs", "Job", true),
          new Resource("batch", "v1", "cronjobs", "CronJob", true),
          new Resource("storage.k8s.io", "v1", "storageclasses", "StorageClass", false),
          new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
          new Resource(
              "rbac.authorization.k8s.io",
              "v1",
              "clusterrolebindings",
              "ClusterRoleBinding",
              false),
          new Resource("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
          new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
          new Resource("apiregistration.k8s.io", "v1", "apiservices", "APIService", false),
          new Resource(
              "apiextensions.k8s.io",
              "v1",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false));

  public static final Resource NODES = byPlural("", "nodes").orElseThrow();
  public static final Resource NAMESPACES = byPlural("", "namespaces").orElseThrow();
  public static final Resource PODS = byPlural("", "pods").orElseThrow();
  public static final Resource SECRETS = byPlural("", "secrets").orElseThrow();
  public static final Resource DEPLOYMENTS = byPlural("apps", "deployments").orElseThrow();
  public static final Resource APISERVICES =
      byPlural("apiregistration.k8s.io", "apiservices").orElseThrow();

  public static Optional<Resource> byPlural(String group, String plural) {
    return KNOWN.stream().filter(r -> r.group.equals(group) && r.plural.equals(plural)).findFirst();
  }

  /**
   * The resource of an applied object. Kinds the simulator does not model (CRDs' objects such as
   * {@code Prometheus}) get the plural the API server would derive by default: lower case plus s.
   */
  public static Resource ofObject(String apiVersion, String kind, boolean hasNamespace) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return KNOWN.stream()
        .filter(r -> r.group.equals(group) && r.kind.equals(kind))
        .findFirst()
        .orElseGet(
            () ->
                new Resource(
                    group, version, plural(kind.toLowerCase(Locale.ROOT)), kind, hasNamespace));
  }

  /** kubectl's guess for kinds without discovery: Prometheus → prometheuses, Policy → policies. */
  static String plural(String kind) {
    if (kind.matches(".*(s|x|z|ch|sh)")) {
      return kind + "es";
    }
    if (kind.matches(".*[^aeiou]y")) {
      return kind.substring(0, kind.length() - 1) + "ies";
    }
    return kind + "s";
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The collection path, cluster-wide or in one namespace. */
  public String path(String namespace) {
    String prefix = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/" + version;
    return namespace == null
        ? prefix + "/" + plural
        : prefix + "/namespaces/" + namespace + "/" + plural;
  }

  public String key() {
    return group + "/" + plural;
  }
}

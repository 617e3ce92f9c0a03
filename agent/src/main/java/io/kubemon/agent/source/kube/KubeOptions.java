package io.kubemon.agent.source.kube;

import io.kubemon.agent.http.Limits;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to read from the Kubernetes API and which piggyback hosts to write.
 *
 * @param clusterName the cluster's name, part of every piggyback host name
 * @param clusterHost the Checkmk host of the cluster (label cmk/kubernetes/cluster-host)
 * @param apiServer the API server URL as configured, for kubemon_cluster_info_v1
 * @param monitoredObjects object types that get piggyback hosts: nodes, namespaces, pods,
 *     deployments, daemonsets, statefulsets, cronjobs, pvcs
 * @param namespaceInclude infix patterns; when not empty only matching namespaces are read
 * @param namespaceExclude infix patterns; matching namespaces are skipped
 * @param annotationPattern annotations whose key matches become host labels; null for none
 * @param allAnnotations every annotation that is a valid Kubernetes label (key and value) becomes
 *     a host label (--all-annotations); excludes {@code annotationPattern}
 * @param aggregationExcludeNodeRoles node roles left out of cluster-wide aggregates
 * @param clock the run's clock (tests fix it)
 * @param pageSize objects per page of a list ({@code limit})
 * @param limits objects and pages per list, length of strings and bytes of output written
 * @param kubeletHealth read each node's kubelet {@code /healthz} through the node proxy
 *     (--kubelet-health; needs {@code get nodes/proxy})
 */
public record KubeOptions(
    String clusterName,
    String clusterHost,
    String apiServer,
    Set<String> monitoredObjects,
    List<Pattern> namespaceInclude,
    List<Pattern> namespaceExclude,
    Pattern annotationPattern,
    Set<String> aggregationExcludeNodeRoles,
    Clock clock,
    int pageSize,
    Limits limits,
    boolean allAnnotations,
    boolean kubeletHealth) {

  /** Pages of 500, as kubectl asks for (its --chunk-size default). */
  public static final int DEFAULT_PAGE_SIZE = 500;

  public KubeOptions(
      String clusterName,
      String clusterHost,
      String apiServer,
      Set<String> monitoredObjects,
      List<Pattern> namespaceInclude,
      List<Pattern> namespaceExclude,
      Pattern annotationPattern,
      Set<String> aggregationExcludeNodeRoles,
      Clock clock) {
    this(clusterName, clusterHost, apiServer, monitoredObjects, namespaceInclude,
        namespaceExclude, annotationPattern, aggregationExcludeNodeRoles, clock,
        DEFAULT_PAGE_SIZE, Limits.DEFAULT, false, false);
  }

  /** A copy that imports every label-valid annotation instead of those of a pattern. */
  public KubeOptions withAllAnnotations() {
    return new KubeOptions(clusterName, clusterHost, apiServer, monitoredObjects,
        namespaceInclude, namespaceExclude, null, aggregationExcludeNodeRoles, clock, pageSize,
        limits, true, kubeletHealth);
  }

  /** A copy that reads each node's kubelet /healthz. */
  public KubeOptions withKubeletHealth() {
    return new KubeOptions(clusterName, clusterHost, apiServer, monitoredObjects,
        namespaceInclude, namespaceExclude, annotationPattern, aggregationExcludeNodeRoles, clock,
        pageSize, limits, allAnnotations, true);
  }

  /**
   * The object type of pods owned (through a Job) by a CronJob: like agent_kube, they get pod
   * hosts only when it is monitored too, so short-lived pods do not churn dynamic host management.
   */
  public static final String CRONJOB_PODS = "cronjobs_pods";

  public static final Set<String> ALL_OBJECTS =
      Set.of(
          "nodes",
          "namespaces",
          "pods",
          "deployments",
          "daemonsets",
          "statefulsets",
          "cronjobs",
          "pvcs",
          CRONJOB_PODS);
}

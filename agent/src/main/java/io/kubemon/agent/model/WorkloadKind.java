package io.kubemon.agent.model;

/** The workloads that get their own host, with their API kind and piggyback type. */
public enum WorkloadKind {
  DEPLOYMENT("Deployment", "deployment", "deployments"),
  DAEMONSET("DaemonSet", "daemonset", "daemonsets"),
  STATEFULSET("StatefulSet", "statefulset", "statefulsets");

  private final String kind;
  private final String hostType;
  private final String plural;

  WorkloadKind(String kind, String hostType, String plural) {
    this.kind = kind;
    this.hostType = hostType;
    this.plural = plural;
  }

  public String kind() {
    return kind;
  }

  public String hostType() {
    return hostType;
  }

  /** The resource name, also the {@code --monitored-objects} value. */
  public String plural() {
    return plural;
  }
}

"""What agent_kube (Checkmk's built-in Kubernetes monitoring, 2.3/2.4) names, as reference data.

Read from Checkmk/checkmk (public source): metric names from the kube graphing plug-ins
(`cmk/plugins/kube/graphing/*.py`, and their union in the collection graphing file that defines
all 45), service names and rule set names from `cmk/plugins/kube/agent_based/*.py`. Tests compare
kubemon's plug-ins and docs/switching-from-agent-kube.md with these sets, so the switch-over table
cannot drift from either side.
"""

# Every metric Checkmk's own Kubernetes graphing defines: a kubemon check may emit these names
# without defining them (every Checkmk site ships the definitions, graphs and perfometers).
METRICS = frozenset(
    {
        *(f"kube_{r}_{k}" for r in ("cpu", "memory") for k in (
            "usage", "request", "limit", "allocatable", "request_utilization",
            "limit_utilization", "cluster_allocatable_utilization",
            "node_allocatable_utilization",
        )),
        *(f"kube_pod_{p}" for p in (
            "running", "pending", "succeeded", "failed", "free", "allocatable",
            "restart_count", "restart_rate",
        )),
        *(f"kube_node_count_{t}_{k}" for t in ("worker", "control_plane")
          for k in ("ready", "not_ready", "total")),
        *(f"kube_node_container_count_{k}" for k in ("running", "waiting", "terminated", "total")),
        *(f"kube_{k}_replicas"
          for k in ("desired", "ready", "updated", "available", "misscheduled")),
        *(f"kube_cron_job_status_{k}" for k in (
            "active", "job_duration", "execution_duration", "last_duration",
            "since_completion", "since_schedule",
        )),
    }
)
assert len(METRICS) == 45

# Metrics of Checkmk's generic plug-ins that agent_kube's services reuse (its pod Uptime service
# goes through the generic uptime check); Checkmk defines them for every site too.
GENERIC_METRICS = frozenset({"uptime"})

_RESOURCES = ("Pod resources", "CPU resources", "Memory resources")
_WORKLOAD = ("Info", "Replicas", *_RESOURCES, "PVC %s")

# The services of agent_kube's check plug-ins (`service_name`) per piggyback host kind; the node
# hosts' Linux services from the node collector's machine sections are not part of agent_kube.
SERVICES = {
    "cluster": {"Info", "Kubernetes API", "Nodes", *_RESOURCES, "Cluster collector"},
    "node": {"Info", "Kubelet", "Condition", "Containers", *_RESOURCES},
    "namespace": {
        "Info",
        *_RESOURCES,
        "Resource quota cpu resources",
        "Resource quota memory resources",
    },
    "pod": {
        "Info", "Status", "Phase", "Condition", "Container %s", "Restarts", "CPU resources",
        "Memory resources", "Uptime", "PVC %s",
    },
    "deployment": {*_WORKLOAD, "Condition"},
    "daemonset": set(_WORKLOAD),
    "statefulset": set(_WORKLOAD),
    "cronjob": {"Info", "Status", *_RESOURCES},
}

# agent_kube's check parameter rule sets (`check_ruleset_name`), and the generic uptime rule its
# pod Uptime service uses.
RULES = frozenset(
    {
        "kube_node_count", "kube_pod_resources", "kube_cpu", "kube_memory",
        "kube_resource_quota_cpu", "kube_resource_quota_memory", "kube_node_conditions",
        "kube_node_container_count", "kube_pod_status", "kube_pod_conditions",
        "kube_pod_containers", "kube_pod_restarts", "uptime", "kube_pvc", "kube_replicas",
        "kube_deployment_conditions", "kube_cronjob_status",
    }
)

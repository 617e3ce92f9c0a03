"""One CheckParameters rule per kubemon service with levels.

Each rule's defaults equal the DEFAULT_PARAMS of its plug-in (wato/tests/test_rulesets.py).
"""

from collections.abc import Callable, Mapping

from cmk.rulesets.v1 import Help, Title
from cmk.rulesets.v1.form_specs import (
    DefaultValue,
    DictElement,
    Dictionary,
    Float,
    Integer,
    LevelDirection,
    LevelsType,
    MultipleChoice,
    MultipleChoiceElement,
    Percentage,
    ServiceState,
    SimpleLevels,
    TimeMagnitude,
    TimeSpan,
)
from cmk.rulesets.v1.rule_specs import CheckParameters, HostAndItemCondition, HostCondition, Topic

_DURATION = TimeSpan(
    displayed_magnitudes=[
        TimeMagnitude.DAY,
        TimeMagnitude.HOUR,
        TimeMagnitude.MINUTE,
        TimeMagnitude.SECOND,
    ],
)
_UP, _DOWN = LevelDirection.UPPER, LevelDirection.LOWER


def _levels(
    title: str,
    template,
    direction: LevelDirection,
    levels: tuple,
    active: bool = True,
    help_text: str | None = None,
) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=SimpleLevels(
            title=Title(title),
            help_text=Help(help_text) if help_text else None,
            form_spec_template=template,
            level_direction=direction,
            prefill_levels_type=DefaultValue(LevelsType.FIXED if active else LevelsType.NONE),
            prefill_fixed_levels=DefaultValue(levels),
        ),
    )


def _state(title: str, default: int) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=ServiceState(title=Title(title), prefill=DefaultValue(default)),
    )


def _rule(
    name: str,
    title: str,
    elements: Mapping[str, DictElement],
    item: str | None = None,
) -> CheckParameters:
    form: Callable[[], Dictionary] = lambda: Dictionary(elements=dict(elements))  # noqa: E731
    return CheckParameters(
        name=name,
        title=Title(title),
        topic=Topic.APPLICATIONS,
        parameter_form=form,
        condition=HostAndItemCondition(item_title=Title(item)) if item else HostCondition(),
    )


def _resources(resource: str) -> CheckParameters:
    return _rule(
        f"kubemon_{resource.lower()}_resources",
        f"Kubernetes {resource} resources (kubemon)",
        {
            "request_utilization": _levels(
                "Usage of requests",
                Percentage(),
                _UP,
                (80.0, 90.0),
                active=False,
            ),
            "limit_utilization": _levels("Usage of limits", Percentage(), _UP, (80.0, 90.0)),
            "allocatable_utilization": _levels(
                "Usage of allocatable (nodes, cluster)",
                Percentage(),
                _UP,
                (80.0, 90.0),
            ),
            "overcommit_state": _state("State when requests or limits exceed allocatable", 1),
        },
    )


POD_STATUSES = (
    "CrashLoopBackOff",
    "ImagePullBackOff",
    "ErrImagePull",
    "OOMKilled",
    "Error",
    "CreateContainerConfigError",
    "InvalidImageName",
    "ContainerStatusUnknown",
    "Evicted",
)
_REPLICA_GAP = "How long replicas may stay in this state during a rollout before the service warns."
_QUOTA = {"used_percent": _levels("Used share of the hard quota", Percentage(), _UP, (80.0, 90.0))}
_USER_VALUE = {
    "levels_upper": _levels("Upper levels", Float(), _UP, (0.0, 0.0), active=False),
    "levels_lower": _levels("Lower levels", Float(), _DOWN, (0.0, 0.0), active=False),
}

rule_spec_kubemon_cluster_api = _rule(
    "kubemon_cluster_api",
    "Kubernetes API (kubemon)",
    {
        "certificate_validity": _levels(
            "API server certificate time left", _DURATION, _DOWN, (7 * 86400.0, 86400.0)
        )
    },
)
rule_spec_kubemon_agent_status = _rule(
    "kubemon_agent_status",
    "Kubernetes agent status (kubemon)",
    {
        "failed_source_state": _state("State per failed source", 1),
        "deadline_state": _state("State when the deadline cut the run short", 2),
    },
)
rule_spec_kubemon_cluster_nodes = _rule(
    "kubemon_cluster_nodes",
    "Kubernetes nodes (kubemon)",
    {"not_ready": _levels("Nodes not ready", Integer(), _UP, (1, 2))},
)
rule_spec_kubemon_cluster_storage = _rule(
    "kubemon_cluster_storage",
    "Kubernetes storage (kubemon)",
    {
        "failed_state": _state("State per Failed volume", 2),
        "released_state": _state("State per Released volume", 1),
    },
)
rule_spec_kubemon_pipeline_health = _rule(
    "kubemon_pipeline_health",
    "Kubernetes Prometheus pipeline (kubemon)",
    {
        "target_down_state": _state("State per Prometheus target down", 1),
        "adapter_state": _state("State when the adapter APIService is not Available", 2),
        "nothing_offered_state": _state("State when the custom metrics API offers nothing", 1),
    },
)
rule_spec_kubemon_pod_resources = _rule(
    "kubemon_pod_resources",
    "Kubernetes pod resources (kubemon)",
    {
        "free_percent": _levels(
            "Free pod slots (share of allocatable)",
            Percentage(),
            _DOWN,
            (10.0, 5.0),
        ),
        "pending_duration": _levels(
            "Longest time a pod is pending",
            _DURATION,
            _UP,
            (300.0, 600.0),
            active=False,
        ),
    },
)
rule_spec_kubemon_cpu_resources = _resources("CPU")
rule_spec_kubemon_memory_resources = _resources("Memory")
rule_spec_kubemon_node_conditions = _rule(
    "kubemon_node_conditions",
    "Kubernetes node conditions (kubemon)",
    {
        "not_ready_state": _state("State when Ready is False or Unknown", 2),
        "pressure_state": _state(
            "State when a pressure condition or NetworkUnavailable is not False",
            2,
        ),
        "other_true_state": _state("State when another condition type is True", 1),
    },
)
rule_spec_kubemon_node_kubelet = _rule(
    "kubemon_node_kubelet",
    "Kubernetes kubelet (kubemon)",
    {"heartbeat_age": _levels("Age of the last heartbeat", _DURATION, _UP, (600.0, 900.0))},
)
rule_spec_kubemon_node_filesystem = _rule(
    "kubemon_node_filesystem",
    "Kubernetes node filesystem (kubemon)",
    {"used_percent": _levels("Used space", Percentage(), _UP, (80.0, 90.0))},
)
rule_spec_kubemon_pod_status = _rule(
    "kubemon_pod_status",
    "Kubernetes pod status (kubemon)",
    {
        "crit_statuses": DictElement(
            required=True,
            parameter_form=MultipleChoice(
                title=Title("Statuses that are CRIT at once"),
                elements=[MultipleChoiceElement(name=s, title=Title(s)) for s in POD_STATUSES],
                prefill=DefaultValue(
                    ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "OOMKilled", "Error"],
                ),
            ),
        ),
        "other_duration": _levels(
            "Time in any other status but Running or Succeeded",
            _DURATION,
            _UP,
            (300.0, 600.0),
        ),
    },
)
_CONDITIONS = {
    "not_ok_duration": _levels("Time a condition may be not OK", _DURATION, _UP, (300.0, 600.0)),
}
rule_spec_kubemon_pod_conditions = _rule(
    "kubemon_pod_conditions",
    "Kubernetes pod conditions (kubemon)",
    _CONDITIONS,
)
rule_spec_kubemon_workload_conditions = _rule(
    "kubemon_workload_conditions",
    "Kubernetes workload conditions (kubemon)",
    _CONDITIONS,
)
rule_spec_kubemon_pod_containers = _rule(
    "kubemon_pod_containers",
    "Kubernetes containers (kubemon)",
    {
        "failed_state": _state("State when terminated with exit code not 0", 2),
        "broken_waiting_state": _state(
            "State when waiting for a reason that does not heal (CrashLoopBackOff, ...)", 2
        ),
        "last_oom_state": _state("State when the last termination was OOMKilled", 1),
    },
    item="Container name",
)
rule_spec_kubemon_pod_restarts = _rule(
    "kubemon_pod_restarts",
    "Kubernetes pod restarts (kubemon)",
    {
        "restarts_total": _levels("Restarts in total", Integer(), _UP, (10, 20), active=False),
        "restarts_last_hour": _levels("Restarts in the last hour", Integer(), _UP, (3, 5)),
    },
)
rule_spec_kubemon_pod_throttling = _rule(
    "kubemon_pod_throttling",
    "Kubernetes CPU throttling (kubemon)",
    {
        "throttled_percent": _levels(
            "Share of CFS periods throttled", Percentage(), _UP, (25.0, 50.0)
        )
    },
)
rule_spec_kubemon_pod_pvcs = _rule(
    "kubemon_pod_pvcs",
    "Kubernetes PVC (kubemon)",
    {
        "pending_duration": _levels("Time pending", _DURATION, _UP, (300.0, 600.0)),
        "lost_state": _state("State when Lost", 2),
        "used_percent": _levels("Used space", Percentage(), _UP, (80.0, 90.0)),
    },
    item="Claim name",
)
rule_spec_kubemon_workload_replicas = _rule(
    "kubemon_workload_replicas",
    "Kubernetes replicas (kubemon)",
    {
        "not_ready_duration": _levels(
            "Time with replicas not ready",
            _DURATION,
            _UP,
            (300.0, 600.0),
            help_text=_REPLICA_GAP,
        ),
        "not_updated_duration": _levels(
            "Time with replicas not up to date",
            _DURATION,
            _UP,
            (300.0, 600.0),
            help_text=_REPLICA_GAP,
        ),
        "misscheduled_duration": _levels(
            "Time with misscheduled DaemonSet pods",
            _DURATION,
            _UP,
            (300.0, 600.0),
        ),
    },
)
rule_spec_kubemon_resource_quota_cpu = _rule(
    "kubemon_resource_quota_cpu",
    "Kubernetes resource quota CPU (kubemon)",
    _QUOTA,
)
rule_spec_kubemon_resource_quota_memory = _rule(
    "kubemon_resource_quota_memory",
    "Kubernetes resource quota memory (kubemon)",
    _QUOTA,
)
rule_spec_kubemon_cronjob_status = _rule(
    "kubemon_cronjob_status",
    "Kubernetes CronJob status (kubemon)",
    {
        "failed_state": _state("State when the latest job failed", 2),
        "since_success": _levels(
            "Time since the last successful job",
            _DURATION,
            _UP,
            (86400.0, 172800.0),
            active=False,
        ),
        "running_duration": _levels(
            "Time the latest job is running",
            _DURATION,
            _UP,
            (3600.0, 7200.0),
            active=False,
        ),
        "pending_duration": _levels(
            "Time the latest job is pending",
            _DURATION,
            _UP,
            (300.0, 600.0),
        ),
        "failed_jobs": _levels("Failed jobs kept in history", Integer(), _UP, (1, 3), active=False),
    },
)
rule_spec_kubemon_prometheus_query = _rule(
    "kubemon_prometheus_query",
    "Kubernetes PromQL query (kubemon)",
    _USER_VALUE,
    item="Query name",
)
rule_spec_kubemon_custom_metric = _rule(
    "kubemon_custom_metric",
    "Kubernetes custom metric (kubemon)",
    _USER_VALUE,
    item="Metric",
)


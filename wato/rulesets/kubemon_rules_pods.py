"""Check parameter rules of the pod, workload, CronJob, Job and user-metric services.

Each rule's defaults equal the DEFAULT_PARAMS of its plug-in (wato/tests/test_rulesets.py).
"""

from cmk.rulesets.v1 import Help, Title
from cmk.rulesets.v1.form_specs import (
    DefaultValue,
    DictElement,
    Dictionary,
    Float,
    Integer,
    MultipleChoice,
    MultipleChoiceElement,
    Percentage,
)
from cmk.rulesets.v1.form_specs.validators import NumberInRange

from cmk_addons.plugins.kubemon.lib.rule_forms import DOWN, DURATION, UP, levels, rule, state

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

_REPLICA_GAP = "How long replicas may stay so during a rollout before the service warns."

_USER_VALUE = {
    "levels_upper": levels("Upper levels", Float(), UP, (0.0, 0.0), active=False),
    "levels_lower": levels("Lower levels", Float(), DOWN, (0.0, 0.0), active=False),
}

rule_spec_kubemon_pod_status = rule(
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
        "other_duration": levels(
            "Time in any other status but Running or Succeeded",
            DURATION,
            UP,
            (300.0, 600.0),
        ),
    },
)
_NOT_AS_EXPECTED = (
    "How long the condition may be not as expected (True; ReplicaFailure, DisruptionTarget and "
    "the pod resize conditions: False) before the service warns. Levels of 0 seconds make it "
    "WARN/CRIT at once."
)


def _conditions(types: dict[str, str]) -> dict[str, DictElement]:
    elements = {
        key: levels(
            f"{kind} not as expected",
            DURATION,
            UP,
            (300.0, 600.0),
            help_text=_NOT_AS_EXPECTED,
        )
        for key, kind in types.items()
    }
    elements["other"] = levels(
        "Any other condition type not as expected", DURATION, UP, (300.0, 600.0)
    )
    return elements


rule_spec_kubemon_pod_conditions = rule(
    "kubemon_pod_conditions",
    "Kubernetes pod conditions (kubemon)",
    _conditions(
        {
            "scheduled": "PodScheduled",
            "ready_to_start_containers": "PodReadyToStartContainers",
            "initialized": "Initialized",
            "containers_ready": "ContainersReady",
            "ready": "Ready",
            "disruption_target": "DisruptionTarget",
        }
    ),
)
rule_spec_kubemon_workload_conditions = rule(
    "kubemon_workload_conditions",
    "Kubernetes workload conditions (kubemon)",
    _conditions(
        {
            "available": "Available",
            "progressing": "Progressing",
            "replica_failure": "ReplicaFailure",
        }
    ),
)
rule_spec_kubemon_pod_containers = rule(
    "kubemon_pod_containers",
    "Kubernetes containers (kubemon)",
    {
        "failed_state": state("State when terminated with exit code not 0", 2),
        "broken_waiting_state": state(
            "State when waiting for a reason that does not heal (CrashLoopBackOff, ...)", 2
        ),
        "last_oom_state": state("State when the last termination was OOMKilled", 1),
    },
    item="Container name",
)
rule_spec_kubemon_pod_restarts = rule(
    "kubemon_pod_restarts",
    "Kubernetes pod restarts (kubemon)",
    {
        "restarts_total": levels("Restarts in total", Integer(), UP, (10, 20), active=False),
        "restarts_last_hour": levels("Restarts in the last hour", Integer(), UP, (3, 5)),
    },
)
rule_spec_kubemon_pod_uptime = rule(
    "kubemon_pod_uptime",
    "Kubernetes pod uptime (kubemon)",
    {
        "min": levels("Lower levels", DURATION, DOWN, (600.0, 300.0), active=False),
        "max": levels("Upper levels", DURATION, UP, (30 * 86400.0, 60 * 86400.0), active=False),
    },
)
rule_spec_kubemon_pod_throttling = rule(
    "kubemon_pod_throttling",
    "Kubernetes CPU throttling (kubemon)",
    {
        "throttled_percent": levels(
            "Share of CFS periods throttled", Percentage(), UP, (25.0, 50.0)
        )
    },
)
_MAGIC = Dictionary(
    title=Title("Magic factor (levels by filesystem size)"),
    help_text=Help(
        "As in Checkmk's filesystem rule: the percentage levels hold for a volume of the norm "
        "size; a larger one gets higher, a smaller one lower levels (the free margin scales by "
        "(size / norm size) ^ (factor - 1)), never below the minimum levels. 1.0 adjusts nothing."
    ),
    elements={
        "factor": DictElement(
            required=True,
            parameter_form=Float(
                title=Title("Factor"),
                prefill=DefaultValue(0.8),
                custom_validate=(NumberInRange(0.1, 1.0),),
            ),
        ),
        "normsize_gib": DictElement(
            required=True,
            parameter_form=Float(
                title=Title("Norm size"),
                unit_symbol="GiB",
                prefill=DefaultValue(20.0),
                custom_validate=(NumberInRange(0.001),),
            ),
        ),
        "minimum_warn": DictElement(
            required=True,
            parameter_form=Percentage(
                title=Title("Minimum warning level"), prefill=DefaultValue(50.0)
            ),
        ),
        "minimum_crit": DictElement(
            required=True,
            parameter_form=Percentage(
                title=Title("Minimum critical level"), prefill=DefaultValue(60.0)
            ),
        ),
    },
)
_TREND = Dictionary(
    title=Title("Trend (growth and time left until full)"),
    help_text=Help(
        "The growth of the used space, averaged so that the weight of older growth halves with "
        "every trend range, and the time left until the volume is full at that rate."
    ),
    elements={
        "range_hours": DictElement(
            required=True,
            parameter_form=Integer(
                title=Title("Trend range"),
                unit_symbol="h",
                prefill=DefaultValue(24),
                custom_validate=(NumberInRange(1),),
            ),
        ),
        "growth_mib": levels(
            "Growth per range", Integer(unit_symbol="MiB"), UP, (1024, 2048), active=False
        ),
        "growth_percent": levels(
            "Growth per range (share of capacity)", Percentage(), UP, (10.0, 20.0), active=False
        ),
        "time_left": levels(
            "Time left until full", DURATION, DOWN, (3 * 86400.0, 86400.0), active=False
        ),
    },
)
rule_spec_kubemon_pod_pvcs = rule(
    "kubemon_pod_pvcs",
    "Kubernetes PVC (kubemon)",
    {
        "pending_duration": levels("Time pending", DURATION, UP, (300.0, 600.0)),
        "lost_state": state("State when Lost", 2),
        "used_percent": levels("Used space", Percentage(), UP, (80.0, 90.0)),
        "free_percent": levels("Free space", Percentage(), DOWN, (20.0, 10.0), active=False),
        "free_mib": levels(
            "Free space, absolute", Integer(unit_symbol="MiB"), DOWN, (1024, 512), active=False
        ),
        "magic": DictElement(required=False, parameter_form=_MAGIC),
        "trend": DictElement(required=False, parameter_form=_TREND),
    },
    item="Claim name",
)
rule_spec_kubemon_workload_replicas = rule(
    "kubemon_workload_replicas",
    "Kubernetes replicas (kubemon)",
    {
        "not_ready_duration": levels(
            "Time with replicas not ready",
            DURATION,
            UP,
            (300.0, 600.0),
            help_text=_REPLICA_GAP,
        ),
        "not_updated_duration": levels(
            "Time with replicas not up to date",
            DURATION,
            UP,
            (300.0, 600.0),
            help_text=_REPLICA_GAP,
        ),
        "misscheduled_duration": levels(
            "Time with misscheduled DaemonSet pods",
            DURATION,
            UP,
            (300.0, 600.0),
        ),
        "not_available_duration": levels(
            "Time with replicas not available",
            DURATION,
            UP,
            (300.0, 600.0),
            active=False,
            help_text="A replica is available once ready for minReadySeconds. Shown when the "
            "workload sets minReadySeconds or these levels are set.",
        ),
    },
)
rule_spec_kubemon_cronjob_status = rule(
    "kubemon_cronjob_status",
    "Kubernetes CronJob status (kubemon)",
    {
        "failed_state": state("State when the latest job failed", 2),
        "since_success": levels(
            "Time since the last successful job",
            DURATION,
            UP,
            (86400.0, 172800.0),
            active=False,
        ),
        "running_duration": levels(
            "Time the latest job is running",
            DURATION,
            UP,
            (3600.0, 7200.0),
            active=False,
        ),
        "pending_duration": levels(
            "Time the latest job is pending",
            DURATION,
            UP,
            (300.0, 600.0),
        ),
        "failed_jobs": levels("Failed jobs kept in history", Integer(), UP, (1, 3), active=False),
        "since_schedule": levels(
            "Time since the last schedule",
            DURATION,
            UP,
            (86400.0, 172800.0),
            active=False,
        ),
    },
)
rule_spec_kubemon_jobs = rule(
    "kubemon_jobs",
    "Kubernetes standalone jobs (kubemon)",
    {
        "failed_state": state("State of each failed job", 1),
        "running_duration": levels(
            "Time a job is running",
            DURATION,
            UP,
            (3600.0, 7200.0),
            active=False,
        ),
        "since_success": levels(
            "Time since the newest successful job",
            DURATION,
            UP,
            (86400.0, 172800.0),
            active=False,
        ),
    },
)
rule_spec_kubemon_prometheus_query = rule(
    "kubemon_prometheus_query",
    "Kubernetes PromQL query (kubemon)",
    _USER_VALUE,
    item="Query name",
)
rule_spec_kubemon_custom_metric = rule(
    "kubemon_custom_metric",
    "Kubernetes custom metric (kubemon)",
    _USER_VALUE,
    item="Metric",
)

"""Check parameter rules of the cluster, node and namespace services.

Each rule's defaults equal the DEFAULT_PARAMS of its plug-in (wato/tests/test_rulesets.py).
"""

from cmk.rulesets.v1 import Help, Title
from cmk.rulesets.v1.form_specs import (
    DictElement,
    Dictionary,
    Integer,
    List,
    Percentage,
    String,
)

from cmk_addons.plugins.kubemon.lib.rule_forms import (
    DOWN,
    DURATION,
    UP,
    levels,
    resources,
    rule,
    state,
)

_QUOTA = {"used_percent": levels("Used share of the hard quota", Percentage(), UP, (80.0, 90.0))}

rule_spec_kubemon_cluster_api = rule(
    "kubemon_cluster_api",
    "Kubernetes API (kubemon)",
    {
        "certificate_validity": levels(
            "API server certificate time left", DURATION, DOWN, (7 * 86400.0, 86400.0)
        )
    },
)
rule_spec_kubemon_agent_status = rule(
    "kubemon_agent_status",
    "Kubernetes agent status (kubemon)",
    {
        "failed_source_state": state("State per failed source", 1),
        "deadline_state": state("State when the deadline cut the run short", 2),
    },
)
rule_spec_kubemon_cluster_nodes = rule(
    "kubemon_cluster_nodes",
    "Kubernetes nodes (kubemon)",
    {
        "not_ready": levels("Nodes not ready", Integer(), UP, (1, 2)),
        "worker_ready_lower": levels(
            "Worker nodes ready, lower", Integer(), DOWN, (1, 1), active=False
        ),
        "worker_ready_upper": levels(
            "Worker nodes ready, upper", Integer(), UP, (100, 200), active=False
        ),
        "control_plane_ready_lower": levels(
            "Control-plane nodes ready, lower", Integer(), DOWN, (1, 1), active=False
        ),
        "control_plane_ready_upper": levels(
            "Control-plane nodes ready, upper", Integer(), UP, (5, 7), active=False
        ),
        "control_plane_roles": DictElement(
            required=False,
            parameter_form=List(
                title=Title("Control-plane roles"),
                help_text=Help(
                    "A node with one of these roles (label node-role.kubernetes.io/<role>) counts "
                    "as control plane, every other node as worker. Default: control-plane, master."
                ),
                element_template=String(),
            ),
        ),
    },
)
rule_spec_kubemon_cluster_storage = rule(
    "kubemon_cluster_storage",
    "Kubernetes storage (kubemon)",
    {
        "failed_state": state("State per Failed volume", 2),
        "released_state": state("State per Released volume", 1),
    },
)
rule_spec_kubemon_pipeline_health = rule(
    "kubemon_pipeline_health",
    "Kubernetes Prometheus pipeline (kubemon)",
    {
        "target_down_state": state("State per Prometheus target down", 1),
        "adapter_state": state("State when the adapter APIService is not Available", 2),
        "nothing_offered_state": state("State when the custom metrics API offers nothing", 1),
    },
)
rule_spec_kubemon_pod_resources = rule(
    "kubemon_pod_resources",
    "Kubernetes pod resources (kubemon)",
    {
        "free_percent": levels(
            "Free pod slots (share of allocatable)",
            Percentage(),
            DOWN,
            (10.0, 5.0),
        ),
        "pending_duration": levels(
            "Longest time a pod is pending",
            DURATION,
            UP,
            (300.0, 600.0),
            active=False,
        ),
    },
)
rule_spec_kubemon_cpu_resources = resources("CPU")
rule_spec_kubemon_memory_resources = resources("Memory")


def _node_condition_states(
    title: str | None, true: int, false: int, unknown: int
) -> Dictionary:
    return Dictionary(
        title=Title(title) if title else None,
        elements={
            "true": state("State when True", true),
            "false": state("State when False", false),
            "unknown": state("State when Unknown", unknown),
        },
    )


def _node_condition(title: str, true: int, false: int, unknown: int) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=_node_condition_states(title, true, false, unknown),
    )


rule_spec_kubemon_node_conditions = rule(
    "kubemon_node_conditions",
    "Kubernetes node conditions (kubemon)",
    {
        "ready": _node_condition("Ready", 0, 2, 2),
        "memory_pressure": _node_condition("MemoryPressure", 2, 0, 2),
        "disk_pressure": _node_condition("DiskPressure", 2, 0, 2),
        "pid_pressure": _node_condition("PIDPressure", 2, 0, 2),
        "network_unavailable": _node_condition("NetworkUnavailable", 2, 0, 2),
        "other": _node_condition("Any other condition type", 1, 0, 1),
        "custom": DictElement(
            required=False,
            parameter_form=List(
                title=Title("Condition types of their own"),
                help_text=Help(
                    "States of a condition type by name (case-insensitive), e.g. the node "
                    "problem detector's KernelDeadlock or ReadonlyFilesystem. An entry here "
                    "wins over the entries above."
                ),
                element_template=Dictionary(
                    elements={
                        "type": DictElement(
                            required=True,
                            parameter_form=String(title=Title("Condition type")),
                        ),
                        **_node_condition_states(None, 2, 0, 2).elements,
                    },
                ),
            ),
        ),
    },
)
rule_spec_kubemon_node_containers = rule(
    "kubemon_node_containers",
    "Kubernetes node containers (kubemon)",
    {
        f"{state}_{side}": levels(
            f"{state.capitalize()} containers, {side}",
            Integer(),
            UP if side == "upper" else DOWN,
            (100, 200) if side == "upper" else (1, 0),
            active=False,
        )
        for state in ("running", "waiting", "terminated", "total")
        for side in ("upper", "lower")
    },
)
rule_spec_kubemon_node_kubelet = rule(
    "kubemon_node_kubelet",
    "Kubernetes kubelet (kubemon)",
    {"heartbeat_age": levels("Age of the last heartbeat", DURATION, UP, (600.0, 900.0))},
)
rule_spec_kubemon_node_filesystem = rule(
    "kubemon_node_filesystem",
    "Kubernetes node filesystem (kubemon)",
    {"used_percent": levels("Used space", Percentage(), UP, (80.0, 90.0))},
)
rule_spec_kubemon_resource_quota_cpu = rule(
    "kubemon_resource_quota_cpu",
    "Kubernetes resource quota CPU (kubemon)",
    _QUOTA,
)
rule_spec_kubemon_resource_quota_memory = rule(
    "kubemon_resource_quota_memory",
    "Kubernetes resource quota memory (kubemon)",
    _QUOTA,
)

"""Check parameter rules of the cluster, node and namespace services.

Each rule's defaults equal the DEFAULT_PARAMS of its plug-in (wato/tests/test_rulesets.py).
"""

from cmk.rulesets.v1 import Help, Title
from cmk.rulesets.v1.form_specs import DictElement, Integer, List, Percentage, String

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
rule_spec_kubemon_node_conditions = rule(
    "kubemon_node_conditions",
    "Kubernetes node conditions (kubemon)",
    {
        "not_ready_state": state("State when Ready is False or Unknown", 2),
        "pressure_state": state(
            "State when a pressure condition or NetworkUnavailable is not False",
            2,
        ),
        "other_true_state": state("State when another condition type is True", 1),
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

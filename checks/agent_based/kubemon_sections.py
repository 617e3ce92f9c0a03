"""Agent sections of docs/sections.md; each parses its one JSON line, the parsed name drops `_vN`.

`kubemon_object_labels_v3` lives in kubemon_object_labels.py because it also makes host labels;
`kubemon_node_info_v1` adds the node's `cmk/os_family`. A `_v2` section leaves out the defaults
its docs name; its parse function puts them back, so the checks see every field.
"""

from collections.abc import Mapping
from typing import Any

from cmk.agent_based.v2 import AgentSection, HostLabel, HostLabelGenerator, StringTable

from cmk_addons.plugins.kubemon.lib.common import parse_json, parse_lean


def _section(name: str, version: int = 1, parse: Any = parse_json) -> AgentSection:
    return AgentSection(name=f"{name}_v{version}", parsed_section_name=name, parse_function=parse)


# What a _v2 section leaves out (docs/sections.md).
RESOURCE_DEFAULTS: Mapping[str, Any] = {
    "requests": 0,
    "limits": 0,
    "count_total": 0,
    "count_unspecified_requests": 0,
    "count_unspecified_limits": 0,
    "count_zeroed_limits": 0,
    "allocatable": None,
}
POD_INFO_DEFAULTS: Mapping[str, Any] = {
    "uid": None,
    "creation_timestamp": None,
    "start_time": None,
    "phase": None,
    "reason": None,
    "message": None,
    "qos_class": None,
    "restart_policy": "Always",
    "dns_policy": "ClusterFirst",
    "host_network": False,
    "pod_ip": None,
    "host_ip": None,
    "deletion_timestamp": None,
}
_STATE_DEFAULTS: Mapping[str, Any] = {
    "reason": None,
    "message": None,
    "exit_code": None,
    "started_at": None,
    "finished_at": None,
}
_NO_QUANTITIES: Mapping[str, Any] = {"cpu": None, "memory": None}


POD_USAGE_DEFAULTS: Mapping[str, Any] = {
    "timestamp": None,
    "cpu_cores": None,
    "memory_working_set_bytes": None,
    "cpu_throttled_ratio": None,
    "oom_kills": None,
    "network_rx_bytes_per_s": None,
    "network_tx_bytes_per_s": None,
}
_NO_USAGE: Mapping[str, Any] = {"cpu_cores": None, "memory_working_set_bytes": None}


def parse_pod_usage(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_json(string_table)
    if section is None:
        return None
    containers = {
        name: {**_NO_USAGE, **values} for name, values in section.get("containers", {}).items()
    }
    return {**POD_USAGE_DEFAULTS, **section, "containers": containers}


def parse_resources(string_table: StringTable) -> Mapping[str, Any] | None:
    return parse_lean(string_table, RESOURCE_DEFAULTS)


def parse_pod_info(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_json(string_table)
    if section is None:
        return None
    # Left out: `start_time` equal to `creation_timestamp`, `phase` Running, `status` = phase.
    phase = section.get("phase", "Running")
    return {
        **POD_INFO_DEFAULTS,
        "start_time": section.get("creation_timestamp"),
        "phase": phase,
        "status": phase,
        **section,
    }


POD_RESOURCES_DEFAULTS: Mapping[str, Any] = {
    "running": 0,
    "pending": 0,
    "succeeded": 0,
    "failed": 0,
    "unknown": 0,
    "allocatable": None,
    "capacity": None,
    "pending_pods": [],
}


def parse_pod_resources(string_table: StringTable) -> Mapping[str, Any] | None:
    return parse_lean(string_table, POD_RESOURCES_DEFAULTS)


def parse_conditions(string_table: StringTable) -> Mapping[str, Any] | None:
    """kubemon_pod_conditions_v3 and kubemon_workload_conditions_v2: keyed by type; an entry
    that is a number is the `since` of a True condition without reason or message, `true` the
    same with the `since` of the entry before it."""
    section = parse_json(string_table)
    if section is None:
        return None
    entries = {}
    before = None
    for kind, c in section.items():
        entry = c if isinstance(c, dict) else {"since": before if c is True else c}
        entries[kind] = entry
        before = entry.get("since")
    return {
        "conditions": [
            {
                "type": kind,
                "status": c.get("status", "True"),
                "reason": c.get("reason"),
                "message": c.get("message"),
                "last_transition_time": c.get("since"),
            }
            for kind, c in entries.items()
        ],
    }


WORKLOAD_INFO_DEFAULTS: Mapping[str, Any] = {
    "creation_timestamp": None,
    "generation": None,
    "selector": {},
    "match_expressions": [],
    "images": [],
    "containers": [],
    "min_ready_seconds": 0,
}
_NO_STRATEGY: Mapping[str, Any] = {
    "type": None,
    "max_surge": None,
    "max_unavailable": None,
    "partition": None,
}
# What the API server sets for a Deployment whose spec names no strategy.
DEPLOYMENT_STRATEGY: Mapping[str, Any] = {
    "type": "RollingUpdate",
    "max_surge": "25%",
    "max_unavailable": "25%",
}


def parse_workload_info(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_json(string_table)
    if section is None:
        return None
    usual = DEPLOYMENT_STRATEGY if section.get("kind") == "Deployment" else {}
    return {
        **WORKLOAD_INFO_DEFAULTS,
        # `observed_generation` is left out when it equals `generation`.
        "observed_generation": section.get("generation"),
        **section,
        "match_expressions": [
            {"values": [], **e} for e in section.get("match_expressions") or []
        ],
        "strategy": {**_NO_STRATEGY, **section.get("strategy", usual)},
    }


def parse_workload_replicas(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_json(string_table)
    if section is None:
        return None
    # `misscheduled` counts only for DaemonSets (0 left out); other kinds have none. A count
    # equal to the desired one is left out.
    misscheduled = 0 if section.get("kind") == "DaemonSet" else None
    desired = section.get("desired", 0)
    counts = {"desired": desired, "ready": desired, "updated": desired, "available": desired}
    return {"kind": None, **counts, "misscheduled": misscheduled, **section}


def _state(state: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    return None if state is None else {**_STATE_DEFAULTS, **state}


def _container(c: Mapping[str, Any]) -> Mapping[str, Any]:
    return {
        "name": c.get("name"),
        "init": c.get("init", False),
        "image": c.get("image"),
        "image_pull_policy": c.get("image_pull_policy", "IfNotPresent"),
        "ready": c.get("ready", False),
        "restart_count": c.get("restart_count", 0),
        "state": _state(c.get("state")),
        "last_state": _state(c.get("last_state")),
        "requests": {**_NO_QUANTITIES, **c.get("requests", {})},
        "limits": {**_NO_QUANTITIES, **c.get("limits", {})},
    }


def parse_pod_containers(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_json(string_table)
    if section is None:
        return None
    return {"containers": [_container(c) for c in section.get("containers", [])]}


agent_section_kubemon_agent_status_v1 = _section("kubemon_agent_status")
agent_section_kubemon_cluster_info_v1 = _section("kubemon_cluster_info")
agent_section_kubemon_cluster_api_v1 = _section("kubemon_cluster_api")
agent_section_kubemon_cluster_nodes_v1 = _section("kubemon_cluster_nodes")
agent_section_kubemon_cluster_storage_v1 = _section("kubemon_cluster_storage")
agent_section_kubemon_pod_resources_v2 = _section(
    "kubemon_pod_resources", 2, parse_pod_resources
)
agent_section_kubemon_cpu_resources_v2 = _section("kubemon_cpu_resources", 2, parse_resources)
agent_section_kubemon_memory_resources_v2 = _section(
    "kubemon_memory_resources", 2, parse_resources
)

def host_labels_kubemon_node_info(section: Mapping[str, Any]) -> HostLabelGenerator:
    # Kubernetes' .status.nodeInfo.operatingSystem is "linux" or "windows", as cmk/os_family.
    if section.get("operating_system"):
        yield HostLabel(name="cmk/os_family", value=section["operating_system"])


agent_section_kubemon_node_info_v1 = AgentSection(
    name="kubemon_node_info_v1",
    parsed_section_name="kubemon_node_info",
    parse_function=parse_json,
    host_label_function=host_labels_kubemon_node_info,
)
agent_section_kubemon_node_conditions_v1 = _section("kubemon_node_conditions")
agent_section_kubemon_node_kubelet_v1 = _section("kubemon_node_kubelet")
agent_section_kubemon_node_kubelet_health_v1 = _section("kubemon_node_kubelet_health")
agent_section_kubemon_node_containers_v1 = _section("kubemon_node_containers")
agent_section_kubemon_namespace_info_v1 = _section("kubemon_namespace_info")
agent_section_kubemon_resource_quotas_v1 = _section("kubemon_resource_quotas")
agent_section_kubemon_pod_info_v3 = _section("kubemon_pod_info", 3, parse_pod_info)
agent_section_kubemon_pod_conditions_v3 = _section("kubemon_pod_conditions", 3, parse_conditions)
agent_section_kubemon_pod_containers_v2 = _section(
    "kubemon_pod_containers", 2, parse_pod_containers
)
agent_section_kubemon_pod_pvcs_v1 = _section("kubemon_pod_pvcs")
agent_section_kubemon_workload_info_v2 = _section(
    "kubemon_workload_info", 2, parse_workload_info
)
agent_section_kubemon_workload_replicas_v2 = _section(
    "kubemon_workload_replicas", 2, parse_workload_replicas
)
agent_section_kubemon_workload_conditions_v2 = _section(
    "kubemon_workload_conditions", 2, parse_conditions
)
agent_section_kubemon_cronjob_info_v1 = _section("kubemon_cronjob_info")
agent_section_kubemon_cronjob_jobs_v1 = _section("kubemon_cronjob_jobs")
agent_section_kubemon_jobs_v1 = _section("kubemon_jobs")
agent_section_kubemon_node_usage_v1 = _section("kubemon_node_usage")
agent_section_kubemon_pod_usage_v2 = _section("kubemon_pod_usage", 2, parse_pod_usage)
agent_section_kubemon_object_usage_v1 = _section("kubemon_object_usage")
agent_section_kubemon_pvc_usage_v1 = _section("kubemon_pvc_usage")
agent_section_kubemon_pipeline_health_v1 = _section("kubemon_pipeline_health")
agent_section_kubemon_prometheus_query_v1 = _section("kubemon_prometheus_query")
agent_section_kubemon_custom_metrics_v1 = _section("kubemon_custom_metrics")

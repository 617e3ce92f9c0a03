"""Agent sections of docs/sections.md; each parses its one JSON line, the parsed name drops `_v1`.

`kubemon_object_labels_v1` lives in kubemon_object_labels.py because it also makes host labels;
`kubemon_node_info_v1` adds the node's `cmk/os_family`.
"""

from collections.abc import Mapping
from typing import Any

from cmk.agent_based.v2 import AgentSection, HostLabel, HostLabelGenerator

from cmk_addons.plugins.kubemon.lib.common import parse_json


def _section(name: str) -> AgentSection:
    return AgentSection(name=f"{name}_v1", parsed_section_name=name, parse_function=parse_json)


agent_section_kubemon_agent_status_v1 = _section("kubemon_agent_status")
agent_section_kubemon_cluster_info_v1 = _section("kubemon_cluster_info")
agent_section_kubemon_cluster_api_v1 = _section("kubemon_cluster_api")
agent_section_kubemon_cluster_nodes_v1 = _section("kubemon_cluster_nodes")
agent_section_kubemon_cluster_storage_v1 = _section("kubemon_cluster_storage")
agent_section_kubemon_pod_resources_v1 = _section("kubemon_pod_resources")
agent_section_kubemon_cpu_resources_v1 = _section("kubemon_cpu_resources")
agent_section_kubemon_memory_resources_v1 = _section("kubemon_memory_resources")
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
agent_section_kubemon_pod_info_v1 = _section("kubemon_pod_info")
agent_section_kubemon_pod_conditions_v1 = _section("kubemon_pod_conditions")
agent_section_kubemon_pod_containers_v1 = _section("kubemon_pod_containers")
agent_section_kubemon_pod_pvcs_v1 = _section("kubemon_pod_pvcs")
agent_section_kubemon_workload_info_v1 = _section("kubemon_workload_info")
agent_section_kubemon_workload_replicas_v1 = _section("kubemon_workload_replicas")
agent_section_kubemon_workload_conditions_v1 = _section("kubemon_workload_conditions")
agent_section_kubemon_cronjob_info_v1 = _section("kubemon_cronjob_info")
agent_section_kubemon_cronjob_jobs_v1 = _section("kubemon_cronjob_jobs")
agent_section_kubemon_jobs_v1 = _section("kubemon_jobs")
agent_section_kubemon_node_usage_v1 = _section("kubemon_node_usage")
agent_section_kubemon_pod_usage_v1 = _section("kubemon_pod_usage")
agent_section_kubemon_object_usage_v1 = _section("kubemon_object_usage")
agent_section_kubemon_pvc_usage_v1 = _section("kubemon_pvc_usage")
agent_section_kubemon_pipeline_health_v1 = _section("kubemon_pipeline_health")
agent_section_kubemon_prometheus_query_v1 = _section("kubemon_prometheus_query")
agent_section_kubemon_custom_metrics_v1 = _section("kubemon_custom_metrics")

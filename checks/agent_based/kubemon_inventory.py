"""HW/SW inventory of every kind of kubemon host, under agent_kube's paths.

agent_kube inventories below `software > applications > kube`: `metadata` (object, name,
namespace), `cluster` (version), `node` (OS, kernel, runtime, kubelet), `pod` (IPs, node, QoS
class), `deployment` / `daemonset` / `statefulset` (strategy, selector), and the tables
`labels`, `containers` and `network` (node addresses). kubemon writes the same paths and keys
from the sections it already has, so a switched-over site keeps its inventory history and
views; its own additions (node capacity, pod restart policy, replicas, the CronJob's schedule)
are extra keys or the `cronjob` node.
"""

from collections.abc import Mapping
from typing import Any

from cmk.agent_based.v2 import Attributes, InventoryPlugin, InventoryResult, TableRow

from cmk_addons.plugins.kubemon.lib.common import match_expressions_text, with_identity

KUBE = ["software", "applications", "kube"]
Section = Mapping[str, Any] | None


def _metadata(kind: str, section: Mapping[str, Any]) -> Attributes:
    attributes = {"object": kind, "name": section.get("name")}
    if section.get("namespace"):
        attributes["namespace"] = section["namespace"]
    return Attributes(path=[*KUBE, "metadata"], inventory_attributes=attributes)


def _labels(labels: Section) -> InventoryResult:
    for name, value in sorted(((labels or {}).get("labels") or {}).items()):
        yield TableRow(
            path=[*KUBE, "labels"],
            key_columns={"label_name": name},
            inventory_columns={"label_value": value},
        )


def inventory_kubemon_cluster(section: Mapping[str, Any]) -> InventoryResult:
    yield _metadata("cluster", section)
    yield Attributes(
        path=[*KUBE, "cluster"],
        inventory_attributes={"version": section.get("git_version")},
    )


def inventory_kubemon_node(
    section_kubemon_node_info: Section,
    section_kubemon_object_labels: Section,
    section_kubemon_cpu_resources: Section,
    section_kubemon_memory_resources: Section,
    section_kubemon_pod_resources: Section,
) -> InventoryResult:
    info = section_kubemon_node_info
    if info is None:
        return
    yield _metadata("Node", info)
    attributes = {
        key: info.get(key)
        for key in (
            "name",
            "operating_system",
            "os_image",
            "kernel_version",
            "architecture",
            "container_runtime_version",
            "kubelet_version",
        )
    }
    # Capacity as the scheduler sees it: what pods may request on this node.
    for key, section, field in (
        ("allocatable_cpu", section_kubemon_cpu_resources, "allocatable"),
        ("allocatable_memory", section_kubemon_memory_resources, "allocatable"),
        ("allocatable_pods", section_kubemon_pod_resources, "allocatable"),
        ("capacity_pods", section_kubemon_pod_resources, "capacity"),
    ):
        if section is not None and section.get(field) is not None:
            attributes[key] = section[field]
    yield Attributes(path=[*KUBE, "node"], inventory_attributes=attributes)
    for address in info.get("addresses") or []:
        yield TableRow(
            path=[*KUBE, "network"],
            key_columns={"ip": address.get("address")},
            inventory_columns={"address_type": address.get("type")},
        )
    yield from _labels(section_kubemon_object_labels)


def inventory_kubemon_namespace(
    section_kubemon_namespace_info: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    if section_kubemon_namespace_info is None:
        return
    yield _metadata("Namespace", section_kubemon_namespace_info)
    yield from _labels(section_kubemon_object_labels)


def _container_rows(containers: Section) -> InventoryResult:
    for container in (containers or {}).get("containers") or []:
        yield TableRow(
            path=[*KUBE, "containers"],
            key_columns={"name": container.get("name")},
            inventory_columns={
                "ready": bool(container.get("ready")),
                "restart_count": container.get("restart_count") or 0,
                "image": container.get("image"),
                "image_pull_policy": container.get("image_pull_policy"),
                "init": bool(container.get("init")),
            },
        )


def inventory_kubemon_pod(
    section_kubemon_pod_info: Section,
    section_kubemon_pod_containers: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    if section_kubemon_pod_info is None:
        return
    info = with_identity(section_kubemon_pod_info, section_kubemon_object_labels)
    yield _metadata("Pod", info)
    yield Attributes(
        path=[*KUBE, "pod"],
        inventory_attributes={
            key: info.get(key)
            for key in (
                "name",
                "namespace",
                "dns_policy",
                "host_ip",
                "host_network",
                "node",
                "pod_ip",
                "qos_class",
                "restart_policy",
            )
        },
    )
    yield from _container_rows(section_kubemon_pod_containers)
    yield from _labels(section_kubemon_object_labels)


def strategy_text(strategy: Mapping[str, Any] | None) -> str | None:
    """`RollingUpdate (max surge: 25%, max unavailable: 1)`; the type alone when nothing else."""
    if not strategy or not strategy.get("type"):
        return None
    parts = [
        f"{title}: {strategy[key]}"
        for key, title in (
            ("max_surge", "max surge"),
            ("max_unavailable", "max unavailable"),
            ("partition", "partitioned at"),
        )
        if strategy.get(key) is not None
    ]
    return f"{strategy['type']} ({', '.join(parts)})" if parts else strategy["type"]


def _workload(
    kind: str,
    info: Section,
    replicas: Section,
    labels: Section,
) -> InventoryResult:
    if info is None or info.get("kind") != kind:
        return
    # kubemon_workload_info_v2 leaves the name and namespace to the host's labels.
    yield _metadata(kind, with_identity(info, labels))
    selector = info.get("selector") or {}
    attributes = {
        "strategy": strategy_text(info.get("strategy")),
        "match_labels": ", ".join(f"{k}={v}" for k, v in sorted(selector.items())),
        "match_expressions": match_expressions_text(info.get("match_expressions")),
    }
    if replicas is not None:
        attributes["replicas"] = replicas.get("desired")
    yield Attributes(path=[*KUBE, kind.lower()], inventory_attributes=attributes)
    yield from _labels(labels)


def inventory_kubemon_deployment(
    section_kubemon_workload_info: Section,
    section_kubemon_workload_replicas: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    yield from _workload(
        "Deployment",
        section_kubemon_workload_info,
        section_kubemon_workload_replicas,
        section_kubemon_object_labels,
    )


def inventory_kubemon_daemonset(
    section_kubemon_workload_info: Section,
    section_kubemon_workload_replicas: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    yield from _workload(
        "DaemonSet",
        section_kubemon_workload_info,
        section_kubemon_workload_replicas,
        section_kubemon_object_labels,
    )


def inventory_kubemon_statefulset(
    section_kubemon_workload_info: Section,
    section_kubemon_workload_replicas: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    yield from _workload(
        "StatefulSet",
        section_kubemon_workload_info,
        section_kubemon_workload_replicas,
        section_kubemon_object_labels,
    )


def inventory_kubemon_cronjob(
    section_kubemon_cronjob_info: Section,
    section_kubemon_object_labels: Section,
) -> InventoryResult:
    info = section_kubemon_cronjob_info
    if info is None:
        return
    yield _metadata("CronJob", info)
    yield Attributes(
        path=[*KUBE, "cronjob"],
        inventory_attributes={
            key: info.get(key) for key in ("schedule", "timezone", "concurrency_policy", "suspend")
        },
    )
    yield from _labels(section_kubemon_object_labels)


_WORKLOAD = ["kubemon_workload_info", "kubemon_workload_replicas", "kubemon_object_labels"]

inventory_plugin_kubemon_cluster = InventoryPlugin(
    name="kubemon_cluster",
    sections=["kubemon_cluster_info"],
    inventory_function=inventory_kubemon_cluster,
)
inventory_plugin_kubemon_node = InventoryPlugin(
    name="kubemon_node",
    sections=[
        "kubemon_node_info",
        "kubemon_object_labels",
        "kubemon_cpu_resources",
        "kubemon_memory_resources",
        "kubemon_pod_resources",
    ],
    inventory_function=inventory_kubemon_node,
)
inventory_plugin_kubemon_namespace = InventoryPlugin(
    name="kubemon_namespace",
    sections=["kubemon_namespace_info", "kubemon_object_labels"],
    inventory_function=inventory_kubemon_namespace,
)
inventory_plugin_kubemon_pod = InventoryPlugin(
    name="kubemon_pod",
    sections=["kubemon_pod_info", "kubemon_pod_containers", "kubemon_object_labels"],
    inventory_function=inventory_kubemon_pod,
)
inventory_plugin_kubemon_deployment = InventoryPlugin(
    name="kubemon_deployment",
    sections=_WORKLOAD,
    inventory_function=inventory_kubemon_deployment,
)
inventory_plugin_kubemon_daemonset = InventoryPlugin(
    name="kubemon_daemonset",
    sections=_WORKLOAD,
    inventory_function=inventory_kubemon_daemonset,
)
inventory_plugin_kubemon_statefulset = InventoryPlugin(
    name="kubemon_statefulset",
    sections=_WORKLOAD,
    inventory_function=inventory_kubemon_statefulset,
)
inventory_plugin_kubemon_cronjob = InventoryPlugin(
    name="kubemon_cronjob",
    sections=["kubemon_cronjob_info", "kubemon_object_labels"],
    inventory_function=inventory_kubemon_cronjob,
)

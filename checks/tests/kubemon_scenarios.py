"""Scenario data: the JSON examples of docs/sections.md and the quirk files in checks/tests/data."""

import functools
import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
NOW = 1764201600.0  # the "started" of the agent status example in docs/sections.md


@functools.cache
def _agent_sections() -> dict[str, Any]:
    """Raw section name (with `_vN`) → its AgentSection, as the site collects them."""
    import kubemon_env  # noqa: PLC0415 - loads the plug-ins on first use only

    return {s.name: s for s in kubemon_env.plugin_objects("agent_based", "agent_section_").values()}


def raw_name(parsed: str) -> str:
    """`kubemon_pod_info` → the section the agent writes for it, e.g. `kubemon_pod_info_v3`."""
    return next(n for n, s in _agent_sections().items() if s.parsed_section_name == parsed)


def doc_examples() -> dict[str, Any]:
    """Parsed section name (without _vN) → the example under its heading in docs/sections.md,
    through the section's parse function (a `_v2` example gets the defaults it leaves out)."""
    text = (REPO / "docs" / "sections.md").read_text(encoding="utf-8")
    found = re.findall(r"^## (kubemon_\w+?_v\d)\b[^\n]*\n.*?```json\n(.*?)\n```", text, re.S | re.M)
    sections = _agent_sections()
    return {
        sections[name].parsed_section_name: sections[name].parse_function([[body]])
        for name, body in found
    }


def _raw(parsed: str, value: Any) -> Any:
    """A parsed value as its section's JSON: pod and workload conditions are keyed by type."""
    conditions = ("kubemon_pod_conditions", "kubemon_workload_conditions")
    if parsed in conditions and isinstance(value, dict):
        return {
            c["type"]: {
                **{k: v for k, v in c.items() if k not in ("type", "last_transition_time")},
                "since": c.get("last_transition_time"),
            }
            for c in value.get("conditions") or []
        }
    if parsed == "kubemon_object_labels" and isinstance(value, dict) and value.get("controllers"):
        return {**value, "controllers": [f"{c['kind']}/{c['name']}" for c in value["controllers"]]}
    return value


def quirk(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def agent_output(hosts: dict[str, dict[str, Any]]) -> str:
    """Agent output as docs/sections.md frames it: host "" is the cluster host, sections one JSON
    line; values are parsed sections (or raw JSON text), written under their section's `_vN`."""
    lines: list[str] = []
    for host, sections in hosts.items():
        lines.append(f"<<<<{host}>>>>")
        for name, value in sections.items():
            lines.append(f"<<<{raw_name(name)}:sep(0)>>>")
            lines.append(
                value
                if isinstance(value, str)
                else json.dumps(_raw(name, value), separators=(",", ":")),
            )
        lines.append("<<<<>>>>")
    return "\n".join(lines) + "\n"


CLUSTER = ("agent_status", "cluster_info", "cluster_api", "cluster_nodes", "cluster_storage")
NODE = (
    "node_info",
    "node_conditions",
    "node_kubelet",
    "node_kubelet_health",
    "node_containers",
    "pod_resources",
    "cpu_resources",
)
# A pod's CPU and Memory resources come from its containers (no kubemon_cpu_resources there).
POD = ("object_labels", "pod_info", "pod_conditions", "pod_containers", "pod_pvcs")


def full_scenario() -> dict[str, dict[str, Any]]:
    """Every example and quirk on the hosts docs/sections.md puts them on."""
    ex = doc_examples()
    usage = quirk("usage_prometheus")
    oom = quirk("pod_crashloop_with_oomkilled_last_state")
    pvc = quirk("pvc_claim_missing")
    pick = lambda names: {f"kubemon_{n}": ex[f"kubemon_{n}"] for n in names}  # noqa: E731
    # Which object a host is names its allocatable metrics (kube_cpu_cluster_/node_…).
    labels = lambda obj, name: {"kubemon_object_labels": {  # noqa: E731
        "object": obj, "cluster": "k3s", "cluster_host": None if obj == "cluster" else "k3s",
        "name": name, "namespace": None, "node": name if obj == "node" else None,
        "controllers": [], "labels": {}, "annotations": {}}}
    return {
        "": {**pick(CLUSTER + ("pod_resources", "cpu_resources", "jobs")), "kubemon_pipeline_health": usage["kubemon_pipeline_health"],
             "kubemon_prometheus_query": usage["kubemon_prometheus_query"], "kubemon_custom_metrics": usage["kubemon_custom_metrics"],
             **labels("cluster", "k3s"), "kubemon_memory_resources": quirk("memory_resources_node"),
             "kubemon_object_usage": {"source": "prometheus", "timestamp": 1764201600,
                                      "cpu_cores": 0.5, "memory_working_set_bytes": 1610612736,
                                      "pods_running": 12, "pods_with_usage": 12}},
        "node_k3s_k3s-server": {**pick(NODE), "kubemon_memory_resources": quirk("memory_resources_node"),
                                "kubemon_node_usage": usage["kubemon_node_usage"],
                                **labels("node", "k3s-server")},
        "namespace_k3s_default": pick(
            ("namespace_info", "resource_quotas", "pod_resources", "cpu_resources"),
        ),
        "pod_k3s_default_crashy-6d5f7b9c8-x2x9z": pick(POD),
        "pod_k3s_default_hog-7c9f-abcde": {
            **oom,
            "kubemon_pod_usage": usage["kubemon_pod_usage"],
            **pvc,
        },
        "daemonset_k3s_kube-system_svclb": {
            **pick(("workload_info", "workload_replicas", "workload_conditions", "pod_resources")),
            **quirk("workload_all_containers_limited"),
        },
        "cronjob_k3s_default_backup": pick(("cronjob_info", "cronjob_jobs", "pod_resources")),
        # As agent_kube, a workload host shows the PVCs its pods mount.
        "statefulset_k3s_default_db": pick(("workload_info", "workload_replicas", "pod_pvcs")),
    }

"""Nodes: ready/total per role on the cluster host, levels on nodes not ready."""

from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Metric,
    Result,
    Service,
    State,
    check_levels,
)

# Both role labels mark a control-plane node (k3s sets both, kubeadm only control-plane).
CONTROL_PLANE_ROLES = frozenset({"control-plane", "master"})


class Params(TypedDict):
    not_ready: tuple[str, Any]


DEFAULT_PARAMS: Params = {"not_ready": ("fixed", (1, 2))}


def discover_kubemon_cluster_nodes(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def check_kubemon_cluster_nodes(params: Params, section: Mapping[str, Any]) -> CheckResult:
    nodes = section.get("nodes") or []
    for role, members in (
        ("Control plane", [n for n in nodes if CONTROL_PLANE_ROLES & set(n.get("roles") or [])]),
        ("Worker", [n for n in nodes if not CONTROL_PLANE_ROLES & set(n.get("roles") or [])]),
    ):
        ready = sum(1 for n in members if n.get("ready") is True)
        yield Result(state=State.OK, summary=f"{role} nodes ready: {ready}/{len(members)}")
    not_ready = [n["name"] for n in nodes if n.get("ready") is not True]
    yield from check_levels(
        len(not_ready),
        levels_upper=params["not_ready"],
        metric_name="kubemon_nodes_not_ready",
        render_func=lambda v: str(int(v)),
        label="Not ready",
    )
    if not_ready:
        yield Result(state=State.OK, notice=f"Not ready: {', '.join(sorted(not_ready))}")
    cordoned = sorted(n["name"] for n in nodes if n.get("unschedulable"))
    if cordoned:
        yield Result(state=State.OK, notice=f"Unschedulable (cordoned): {', '.join(cordoned)}")
    yield Metric("kubemon_nodes_total", len(nodes))


check_plugin_kubemon_cluster_nodes = CheckPlugin(
    name="kubemon_cluster_nodes",
    service_name="Nodes",
    discovery_function=discover_kubemon_cluster_nodes,
    check_function=check_kubemon_cluster_nodes,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cluster_nodes",
)

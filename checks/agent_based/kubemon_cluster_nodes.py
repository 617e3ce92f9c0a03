"""Nodes: ready/total per role on the cluster host, levels on nodes not ready and per role.

Like agent_kube's Nodes service, a node counts as control plane when one of its roles is in
`control_plane_roles`, else as worker; the metrics are agent_kube's
`kube_node_count_{worker,control_plane}_{ready,not_ready,total}`.
"""

from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict

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
CONTROL_PLANE_ROLES = ("control-plane", "master")


class Params(TypedDict):
    not_ready: tuple[str, Any]
    worker_ready_lower: tuple[str, Any]
    worker_ready_upper: tuple[str, Any]
    control_plane_ready_lower: tuple[str, Any]
    control_plane_ready_upper: tuple[str, Any]
    control_plane_roles: NotRequired[Sequence[str]]


DEFAULT_PARAMS: Params = {
    "not_ready": ("fixed", (1, 2)),
    "worker_ready_lower": ("no_levels", None),
    "worker_ready_upper": ("no_levels", None),
    "control_plane_ready_lower": ("no_levels", None),
    "control_plane_ready_upper": ("no_levels", None),
}


def is_control_plane(node: Mapping[str, Any], roles: Sequence[str]) -> bool:
    return bool(set(roles) & set(node.get("roles") or []))


def discover_kubemon_cluster_nodes(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _role(
    params: Params,
    key: str,
    title: str,
    members: list[Mapping[str, Any]],
) -> CheckResult:
    ready = sum(1 for n in members if n.get("ready") is True)
    (result, metric) = check_levels(
        ready,
        levels_upper=params[f"{key}_ready_upper"],
        levels_lower=params[f"{key}_ready_lower"],
        metric_name=f"kube_node_count_{key}_ready",
        render_func=lambda v: str(int(v)),
    )
    levels = result.summary.removeprefix(str(ready))
    yield Result(state=result.state, summary=f"{title} nodes ready: {ready}/{len(members)}{levels}")
    yield metric
    yield Metric(f"kube_node_count_{key}_not_ready", len(members) - ready)
    yield Metric(f"kube_node_count_{key}_total", len(members))


def check_kubemon_cluster_nodes(params: Params, section: Mapping[str, Any]) -> CheckResult:
    nodes = section.get("nodes") or []
    roles = params.get("control_plane_roles") or CONTROL_PLANE_ROLES
    control_plane = [n for n in nodes if is_control_plane(n, roles)]
    workers = [n for n in nodes if not is_control_plane(n, roles)]
    yield from _role(params, "control_plane", "Control plane", control_plane)
    yield from _role(params, "worker", "Worker", workers)
    not_ready = [n["name"] for n in nodes if n.get("ready") is not True]
    yield from check_levels(
        len(not_ready),
        levels_upper=params["not_ready"],
        render_func=lambda v: str(int(v)),
        label="Not ready",
    )
    if not_ready:
        yield Result(state=State.OK, notice=f"Not ready: {', '.join(sorted(not_ready))}")
    cordoned = sorted(n["name"] for n in nodes if n.get("unschedulable"))
    if cordoned:
        yield Result(state=State.OK, notice=f"Unschedulable (cordoned): {', '.join(cordoned)}")


check_plugin_kubemon_cluster_nodes = CheckPlugin(
    name="kubemon_cluster_nodes",
    service_name="Nodes",
    discovery_function=discover_kubemon_cluster_nodes,
    check_function=check_kubemon_cluster_nodes,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cluster_nodes",
)

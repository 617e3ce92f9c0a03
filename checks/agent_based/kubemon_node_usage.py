"""Containers, Filesystem and Network of a node (the last two from a usage source)."""

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
    render,
)

from cmk_addons.plugins.kubemon.lib.common import check_space


def discover_kubemon_node_containers(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


CONTAINER_STATES = ("running", "waiting", "terminated", "total")
# As agent_kube: upper and lower levels per count, none by default.
CONTAINERS_DEFAULT_PARAMS: Mapping[str, tuple[str, Any]] = {
    f"{state}_{side}": ("no_levels", None)
    for state in CONTAINER_STATES
    for side in ("upper", "lower")
}


def check_kubemon_node_containers(
    params: Mapping[str, tuple[str, Any]],
    section: Mapping[str, Any],
) -> CheckResult:
    for state in CONTAINER_STATES:
        yield from check_levels(
            section.get(state) or 0,
            levels_upper=params.get(f"{state}_upper"),
            levels_lower=params.get(f"{state}_lower"),
            metric_name=f"kube_node_container_count_{state}",
            render_func=str,
            label=state.capitalize(),
        )


class FilesystemParams(TypedDict):
    used_percent: tuple[str, Any]


FILESYSTEM_DEFAULT_PARAMS: FilesystemParams = {"used_percent": ("fixed", (80.0, 90.0))}


def discover_kubemon_node_filesystem(section: Mapping[str, Any]) -> DiscoveryResult:
    if section.get("fs_capacity_bytes"):
        yield Service()


def check_kubemon_node_filesystem(
    params: FilesystemParams,
    section: Mapping[str, Any],
) -> CheckResult:
    yield from check_space(
        section.get("fs_used_bytes"),
        section.get("fs_capacity_bytes"),
        params["used_percent"],
        "kubemon_fs",
    )


def discover_kubemon_node_network(section: Mapping[str, Any]) -> DiscoveryResult:
    if section.get("network_rx_bytes_per_s") is not None:
        yield Service()


def check_kubemon_node_network(section: Mapping[str, Any]) -> CheckResult:
    for direction, field in (("In", "network_rx_bytes_per_s"), ("Out", "network_tx_bytes_per_s")):
        if section.get(field) is not None:
            yield Result(
                state=State.OK,
                summary=f"{direction}: {render.iobandwidth(section[field])}",
            )
            yield Metric(f"kubemon_{field}", section[field])


check_plugin_kubemon_node_containers = CheckPlugin(
    name="kubemon_node_containers",
    service_name="Containers",
    discovery_function=discover_kubemon_node_containers,
    check_function=check_kubemon_node_containers,
    check_default_parameters=dict(CONTAINERS_DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_containers",
)

check_plugin_kubemon_node_filesystem = CheckPlugin(
    name="kubemon_node_filesystem",
    service_name="Filesystem",
    sections=["kubemon_node_usage"],
    discovery_function=discover_kubemon_node_filesystem,
    check_function=check_kubemon_node_filesystem,
    check_default_parameters=dict(FILESYSTEM_DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_filesystem",
)

check_plugin_kubemon_node_network = CheckPlugin(
    name="kubemon_node_network",
    service_name="Network",
    sections=["kubemon_node_usage"],
    discovery_function=discover_kubemon_node_network,
    check_function=check_kubemon_node_network,
)

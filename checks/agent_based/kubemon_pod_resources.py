"""Pod resources: pods by phase, free pod slots (node, cluster) and how long pods stay pending."""

import time
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

PHASES = ("running", "pending", "succeeded", "failed", "unknown")


class Params(TypedDict):
    free_percent: tuple[str, Any]
    pending_duration: tuple[str, Any]


DEFAULT_PARAMS: Params = {
    "free_percent": ("fixed", (10.0, 5.0)),
    "pending_duration": ("no_levels", None),
}


def discover_kubemon_pod_resources(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _free(params: Params, section: Mapping[str, Any]) -> CheckResult:
    allocatable = section["allocatable"]
    # Succeeded and Failed pods no longer occupy one of the node's pod slots.
    used = sum(section.get(p) or 0 for p in ("running", "pending", "unknown"))
    free = max(0, allocatable - used)
    yield Result(state=State.OK, summary=f"Allocatable: {allocatable}, free: {free}")
    yield from check_levels(
        100.0 * free / allocatable if allocatable else 0.0,
        levels_lower=params["free_percent"],
        render_func=render.percent,
        label="Free share",
    )
    yield Metric("kube_pod_allocatable", allocatable)
    yield Metric("kube_pod_free", free)


def _check(now: float, params: Params, section: Mapping[str, Any]) -> CheckResult:
    for phase in PHASES:
        count = section.get(phase) or 0
        yield Result(state=State.OK, summary=f"{phase.capitalize()}: {count}")
        # agent_kube's metric names; it has none for Unknown.
        name = "kubemon_pods_unknown" if phase == "unknown" else f"kube_pod_{phase}"
        yield Metric(name, count)
    if section.get("allocatable") is not None:
        yield from _free(params, section)
    pending = section.get("pending_pods") or []
    if pending and params["pending_duration"][0] != "no_levels":
        oldest = min(pending, key=lambda p: p["since"])
        yield from check_levels(
            now - oldest["since"],
            levels_upper=params["pending_duration"],
            render_func=render.timespan,
            label=f"Longest pending: {oldest['name']} for",
        )


def check_kubemon_pod_resources(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check(time.time(), params, section)


check_plugin_kubemon_pod_resources = CheckPlugin(
    name="kubemon_pod_resources",
    service_name="Pod resources",
    discovery_function=discover_kubemon_pod_resources,
    check_function=check_kubemon_pod_resources,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_resources",
)

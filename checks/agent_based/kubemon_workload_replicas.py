"""Replicas of a Deployment, DaemonSet or StatefulSet: ready, up to date, available."""

import time
from collections.abc import Mapping, MutableMapping
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
    get_value_store,
    render,
)

from cmk_addons.plugins.kubemon.lib.common import seconds_in_state


class Params(TypedDict):
    not_ready_duration: tuple[str, Any]
    not_updated_duration: tuple[str, Any]
    misscheduled_duration: tuple[str, Any]
    not_available_duration: tuple[str, Any]


# A rollout or a rescheduled pod makes replicas briefly not ready; only lasting gaps matter.
DEFAULT_PARAMS: Params = {
    "not_ready_duration": ("fixed", (300.0, 600.0)),
    "not_updated_duration": ("fixed", (300.0, 600.0)),
    "misscheduled_duration": ("fixed", (300.0, 600.0)),
    # As agent_kube: no levels. Without minReadySeconds a replica is available once ready, and
    # "Not ready for" already tells how long it is not.
    "not_available_duration": ("no_levels", None),
}

Section = Mapping[str, Any] | None


def discover_kubemon_workload_replicas(
    section_kubemon_workload_replicas: Section,
    section_kubemon_workload_info: Section,
) -> DiscoveryResult:
    if section_kubemon_workload_replicas is not None:
        yield Service()


def _gap(
    now: float,
    store: MutableMapping[str, Any],
    key: str,
    failing: bool,
    levels: tuple[str, Any],
    label: str,
) -> CheckResult:
    since = seconds_in_state(store, key, "failing" if failing else "ok", now)
    if failing:
        yield from check_levels(
            since,
            levels_upper=levels,
            render_func=render.timespan,
            label=label,
        )


def _check(
    now: float,
    store: MutableMapping[str, Any],
    params: Params,
    section: Mapping[str, Any],
    min_ready_seconds: int = 0,
) -> CheckResult:
    desired = section.get("desired") or 0
    counts = {k: section.get(k) or 0 for k in ("ready", "updated", "available")}
    yield Result(
        state=State.OK,
        summary=f"Ready: {counts['ready']}/{desired}, Up-to-date: {counts['updated']}/{desired}, "
        f"Available: {counts['available']}/{desired}",
    )
    yield Metric("kube_desired_replicas", desired)
    for name, count in counts.items():
        yield Metric(f"kube_{name}_replicas", count)
    # The clock runs always, so that levels set later count from when the gap began; the result
    # shows where availability differs from readiness (minReadySeconds) or levels are set.
    levels = params.get("not_available_duration", ("no_levels", None))
    unavailable = counts["available"] < desired
    available_gap = list(
        _gap(now, store, "not_available", unavailable, levels, "Not available for")
    )
    if min_ready_seconds > 0 or levels[0] != "no_levels":
        yield from available_gap
    yield from _gap(
        now,
        store,
        "not_ready",
        counts["ready"] < desired,
        params["not_ready_duration"],
        "Not ready for",
    )
    yield from _gap(
        now,
        store,
        "not_updated",
        counts["updated"] < desired,
        params["not_updated_duration"],
        "Not updated for",
    )
    misscheduled = section.get("misscheduled")
    if misscheduled is not None:
        yield Result(state=State.OK, notice=f"Misscheduled: {misscheduled}")
        yield Metric("kube_misscheduled_replicas", misscheduled)
        yield from _gap(
            now,
            store,
            "misscheduled",
            misscheduled > 0,
            params["misscheduled_duration"],
            "Misscheduled for",
        )


def check_kubemon_workload_replicas(
    params: Params,
    section_kubemon_workload_replicas: Section,
    section_kubemon_workload_info: Section,
) -> CheckResult:
    if section_kubemon_workload_replicas is None:
        return
    yield from _check(
        time.time(),
        get_value_store(),
        params,
        section_kubemon_workload_replicas,
        (section_kubemon_workload_info or {}).get("min_ready_seconds") or 0,
    )


check_plugin_kubemon_workload_replicas = CheckPlugin(
    name="kubemon_workload_replicas",
    service_name="Replicas",
    sections=["kubemon_workload_replicas", "kubemon_workload_info"],
    discovery_function=discover_kubemon_workload_replicas,
    check_function=check_kubemon_workload_replicas,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_workload_replicas",
)

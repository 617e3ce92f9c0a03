"""Phase and Uptime of a pod, the two pod services agent_kube has beside Status.

Phase is the pod's `.status.phase`, always OK (its problems show in Status and Condition).
Uptime is the time since the kubelet started the pod (`.status.startTime`), with optional
lower and upper levels, like the Uptime service agent_kube makes from the pod's start time.
"""

import time
from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Result,
    Service,
    State,
    check_levels,
    render,
)


def discover_kubemon_pod_phase(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def check_kubemon_pod_phase(section: Mapping[str, Any]) -> CheckResult:
    yield Result(state=State.OK, summary=section.get("phase") or "Unknown")


class UptimeParams(TypedDict):
    min: tuple[str, Any]
    max: tuple[str, Any]


UPTIME_DEFAULT_PARAMS: UptimeParams = {"min": ("no_levels", None), "max": ("no_levels", None)}


def discover_kubemon_pod_uptime(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _uptime(now: float, params: UptimeParams, section: Mapping[str, Any]) -> CheckResult:
    started = section.get("start_time")
    if started is None:
        # Not scheduled yet: the kubelet has not started it.
        yield Result(state=State.OK, summary="Not started yet")
        return
    yield Result(state=State.OK, summary=f"Up since {render.datetime(started)}")
    yield from check_levels(
        max(0.0, now - started),
        levels_upper=params["max"],
        levels_lower=params["min"],
        metric_name="uptime",
        render_func=render.timespan,
        label="Uptime",
    )


def check_kubemon_pod_uptime(params: UptimeParams, section: Mapping[str, Any]) -> CheckResult:
    yield from _uptime(time.time(), params, section)


check_plugin_kubemon_pod_phase = CheckPlugin(
    name="kubemon_pod_phase",
    service_name="Phase",
    sections=["kubemon_pod_info"],
    discovery_function=discover_kubemon_pod_phase,
    check_function=check_kubemon_pod_phase,
)

check_plugin_kubemon_pod_uptime = CheckPlugin(
    name="kubemon_pod_uptime",
    service_name="Uptime",
    sections=["kubemon_pod_info"],
    discovery_function=discover_kubemon_pod_uptime,
    check_function=check_kubemon_pod_uptime,
    check_default_parameters=dict(UPTIME_DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_uptime",
)

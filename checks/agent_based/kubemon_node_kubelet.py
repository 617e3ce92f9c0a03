"""Kubelet: the node's kubelet as the API server sees it (Ready condition, version, heartbeat)."""

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


class Params(TypedDict):
    heartbeat_age: tuple[str, Any]


# The kubelet rewrites the Ready condition's heartbeat only every nodeStatusReportFrequency
# (5 minutes by default) when nothing changed; node liveness proper is the Lease. Ages up to
# 5 minutes are normal.
DEFAULT_PARAMS: Params = {"heartbeat_age": ("fixed", (600.0, 900.0))}


def discover_kubemon_node_kubelet(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _check(now: float, params: Params, section: Mapping[str, Any]) -> CheckResult:
    if section.get("ready_status") == "True":
        yield Result(state=State.OK, summary="Healthy")
    else:
        ready = f"Ready is {section.get('ready_status')} ({section.get('ready_reason')})"
        yield Result(
            state=State.CRIT,
            summary=f"Not healthy: {ready}",
            details=f"{ready}: {section.get('ready_message')}",
        )
    yield Result(state=State.OK, summary=f"Version: {section.get('version')}")
    if section.get("last_heartbeat") is not None:
        yield from check_levels(
            max(0.0, now - section["last_heartbeat"]),
            levels_upper=params["heartbeat_age"],
            render_func=render.timespan,
            label="Last heartbeat",
            notice_only=True,
        )


def check_kubemon_node_kubelet(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check(time.time(), params, section)


check_plugin_kubemon_node_kubelet = CheckPlugin(
    name="kubemon_node_kubelet",
    service_name="Kubelet",
    discovery_function=discover_kubemon_node_kubelet,
    check_function=check_kubemon_node_kubelet,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_kubelet",
)

"""Kubelet: the node's kubelet as the API server sees it (Ready condition, version, heartbeat),
and with --kubelet-health its own /healthz answer through the node proxy."""

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


def discover_kubemon_node_kubelet(
    section_kubemon_node_kubelet: Mapping[str, Any] | None,
    section_kubemon_node_kubelet_health: Mapping[str, Any] | None,
) -> DiscoveryResult:
    if section_kubemon_node_kubelet is not None:
        yield Service()


def _health(health: Mapping[str, Any]) -> CheckResult:
    body = (health.get("body") or "").strip()
    if health.get("status_code") == 200 and body == "ok":
        yield Result(state=State.OK, summary="Health check: ok")
        return
    first = body.splitlines()[0] if body else "(empty answer)"
    yield Result(
        state=State.CRIT,
        summary=f"Health check failed: HTTP {health.get('status_code')}: {first}",
        details=f"/healthz answered HTTP {health.get('status_code')}:\n{body}",
    )


def _check(
    now: float,
    params: Params,
    section: Mapping[str, Any],
    health: Mapping[str, Any] | None = None,
) -> CheckResult:
    if section.get("ready_status") == "True":
        yield Result(state=State.OK, summary="Healthy")
    else:
        ready = f"Ready is {section.get('ready_status')} ({section.get('ready_reason')})"
        yield Result(
            state=State.CRIT,
            summary=f"Not healthy: {ready}",
            details=f"{ready}: {section.get('ready_message')}",
        )
    if health is not None:
        yield from _health(health)
    yield Result(state=State.OK, summary=f"Version: {section.get('version')}")
    if section.get("last_heartbeat") is not None:
        yield from check_levels(
            max(0.0, now - section["last_heartbeat"]),
            levels_upper=params["heartbeat_age"],
            render_func=render.timespan,
            label="Last heartbeat",
            notice_only=True,
        )


def check_kubemon_node_kubelet(
    params: Params,
    section_kubemon_node_kubelet: Mapping[str, Any] | None,
    section_kubemon_node_kubelet_health: Mapping[str, Any] | None,
) -> CheckResult:
    if section_kubemon_node_kubelet is not None:
        yield from _check(
            time.time(), params, section_kubemon_node_kubelet, section_kubemon_node_kubelet_health
        )


check_plugin_kubemon_node_kubelet = CheckPlugin(
    name="kubemon_node_kubelet",
    service_name="Kubelet",
    sections=["kubemon_node_kubelet", "kubemon_node_kubelet_health"],
    discovery_function=discover_kubemon_node_kubelet,
    check_function=check_kubemon_node_kubelet,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_kubelet",
)

"""Prometheus pipeline: Prometheus targets, the adapter's APIService, the custom metrics API."""

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
)


class Params(TypedDict):
    target_down_state: int
    adapter_state: int
    nothing_offered_state: int


DEFAULT_PARAMS: Params = {"target_down_state": 1, "adapter_state": 2, "nothing_offered_state": 1}


def discover_kubemon_pipeline_health(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _prometheus(params: Params, prometheus: Mapping[str, Any]) -> CheckResult:
    if not prometheus.get("reachable"):
        yield Result(
            state=State.CRIT,
            summary="Prometheus not reachable - fix: check the prometheus pod in namespace "
            "check-mk and the service check-mk/prometheus (or --prometheus-url)",
        )
        return
    up, down = prometheus.get("targets_up") or 0, prometheus.get("targets_down") or 0
    yield Result(state=State.OK, summary=f"Targets up: {up}/{up + down}")
    yield Metric("kubemon_prometheus_targets_down", down)
    for target in prometheus.get("down") or []:
        yield Result(state=State(params["target_down_state"]), summary=_down(target))


def _down(target: Mapping[str, Any]) -> str:
    """One line: the target, its error and the fix, with the doc entry when the agent knows it."""
    text = (
        f"Target down: {target.get('job')} {target.get('instance')} "
        f"({target.get('last_error') or 'no error given'}) - fix: "
    )
    if target.get("hint"):
        text += target["hint"]
        if target.get("anchor"):
            text += f" (docs/troubleshooting.md#{target['anchor']})"
        return text
    return (
        text + "check that the target's endpoint answers and the network policy lets Prometheus in"
    )


def _adapter(params: Params, adapter: Mapping[str, Any]) -> CheckResult:
    name = adapter.get("apiservice") or "v1beta1.custom.metrics.k8s.io"
    if adapter.get("available"):
        yield Result(state=State.OK, summary=f"APIService {name} available")
        return
    yield Result(
        state=State(params["adapter_state"]),
        summary=f"APIService {name} not Available ({adapter.get('reason') or 'no reason'}: "
        f"{adapter.get('message') or 'no message'}) - fix: check the prometheus-adapter pod in "
        "namespace check-mk and its TLS secret",
    )


def check_kubemon_pipeline_health(params: Params, section: Mapping[str, Any]) -> CheckResult:
    if section.get("prometheus") is not None:
        yield from _prometheus(params, section["prometheus"])
    if section.get("adapter") is not None:
        yield from _adapter(params, section["adapter"])
    custom = section.get("custom_metrics")
    if custom is not None:
        offered = custom.get("offered") or 0
        if offered:
            yield Result(state=State.OK, summary=f"Custom metrics offered: {offered}")
        else:
            yield Result(
                state=State(params["nothing_offered_state"]),
                summary="Custom metrics API offers nothing - fix: check the prometheus-adapter "
                "rules and that Prometheus has the series they select",
            )


check_plugin_kubemon_pipeline_health = CheckPlugin(
    name="kubemon_pipeline_health",
    service_name="Prometheus pipeline",
    discovery_function=discover_kubemon_pipeline_health,
    check_function=check_kubemon_pipeline_health,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pipeline_health",
)

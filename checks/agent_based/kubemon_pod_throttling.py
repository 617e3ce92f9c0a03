"""CPU throttling: the share of a pod's CFS periods in which it was throttled (needs usage)."""

from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Service,
    check_levels,
    render,
)


class Params(TypedDict):
    throttled_percent: tuple[str, Any]


# kubernetes-mixin's CPUThrottlingHigh alert fires at 25 % of periods throttled.
DEFAULT_PARAMS: Params = {"throttled_percent": ("fixed", (25.0, 50.0))}


def discover_kubemon_pod_throttling(section: Mapping[str, Any]) -> DiscoveryResult:
    if section.get("cpu_throttled_ratio") is not None:
        yield Service()


def check_kubemon_pod_throttling(params: Params, section: Mapping[str, Any]) -> CheckResult:
    if section.get("cpu_throttled_ratio") is None:
        return
    yield from check_levels(
        100.0 * section["cpu_throttled_ratio"],
        levels_upper=params["throttled_percent"],
        metric_name="kubemon_cpu_throttled_percent",
        render_func=render.percent,
        label="Throttled periods",
        boundaries=(0.0, 100.0),
    )


check_plugin_kubemon_pod_throttling = CheckPlugin(
    name="kubemon_pod_throttling",
    service_name="CPU throttling",
    sections=["kubemon_pod_usage"],
    discovery_function=discover_kubemon_pod_throttling,
    check_function=check_kubemon_pod_throttling,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_throttling",
)

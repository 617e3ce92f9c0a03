"""Restarts: container restarts of a pod in total and within the last hour."""

import time
from collections.abc import Mapping, MutableMapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Service,
    check_levels,
    get_value_store,
)

HOUR = 3600.0


class Params(TypedDict):
    restarts_total: tuple[str, Any]
    restarts_last_hour: tuple[str, Any]


DEFAULT_PARAMS: Params = {
    "restarts_total": ("no_levels", None),
    "restarts_last_hour": ("fixed", (3, 5)),
}


def discover_kubemon_pod_restarts(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _last_hour(now: float, value_store: MutableMapping[str, Any], total: int) -> int:
    # Samples [time, total] of the last hour; the oldest one is the baseline. A total that
    # went down means the pod was recreated under the same name: start over.
    samples = [s for s in value_store.get("samples", []) if now - s[0] <= HOUR and s[1] <= total]
    samples.append([now, total])
    value_store["samples"] = samples
    return total - samples[0][1]


def _count(value: float) -> str:
    return str(int(value))


def _check(
    now: float,
    value_store: MutableMapping[str, Any],
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    total = sum(c.get("restart_count") or 0 for c in section.get("containers") or [])
    yield from check_levels(
        total,
        levels_upper=params["restarts_total"],
        metric_name="kube_pod_restart_count",
        render_func=_count,
        label="Total",
    )
    yield from check_levels(
        _last_hour(now, value_store, total),
        levels_upper=params["restarts_last_hour"],
        metric_name="kube_pod_restart_rate",
        render_func=_count,
        label="In last hour",
    )


def check_kubemon_pod_restarts(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check(time.time(), get_value_store(), params, section)


check_plugin_kubemon_pod_restarts = CheckPlugin(
    name="kubemon_pod_restarts",
    service_name="Restarts",
    sections=["kubemon_pod_containers"],
    discovery_function=discover_kubemon_pod_restarts,
    check_function=check_kubemon_pod_restarts,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_restarts",
)

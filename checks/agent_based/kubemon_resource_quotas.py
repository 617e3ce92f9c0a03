"""The Resource quota cpu|memory resources services of a namespace: used vs hard per quota."""

from collections.abc import Callable, Mapping
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

from cmk_addons.plugins.kubemon.lib.common import cores

# `cpu` and `memory` are the legacy spellings of `requests.cpu` / `requests.memory`.
KEYS = {
    "cpu": (("requests.cpu", "Requests"), ("cpu", "Requests"), ("limits.cpu", "Limits")),
    "memory": (
        ("requests.memory", "Requests"),
        ("memory", "Requests"),
        ("limits.memory", "Limits"),
    ),
}


METRIC_KIND = {"Requests": "request", "Limits": "limit"}


class Params(TypedDict):
    used_percent: tuple[str, Any]


DEFAULT_PARAMS: Params = {"used_percent": ("fixed", (80.0, 90.0))}


def _entries(resource: str, section: Mapping[str, Any]):
    for quota in section.get("quotas") or []:
        hard, used = quota.get("hard") or {}, quota.get("used") or {}
        for key, kind in KEYS[resource]:
            if hard.get(key) is not None:
                yield quota["name"], key, kind, float(used.get(key) or 0), float(hard[key])


def _check(
    resource: str,
    render_func: Callable[[float], str],
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    for name, key, kind, used, hard in _entries(resource, section):
        if hard <= 0:
            # A hard quota of 0 forbids the resource entirely; percent is meaningless.
            yield Result(
                state=State.OK,
                summary=f"{name} {kind}: hard quota 0, used {render_func(used)}",
            )
            continue
        yield from check_levels(
            100.0 * used / hard,
            levels_upper=params["used_percent"],
            metric_name=f"kubemon_quota_{resource}_{METRIC_KIND[kind]}_percent",
            render_func=render.percent,
            label=f"{name} {kind} used ({render_func(used)} of {render_func(hard)})",
        )


def check_kubemon_resource_quota_cpu(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check("cpu", cores, params, section)


def check_kubemon_resource_quota_memory(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check("memory", render.bytes, params, section)


def discover_kubemon_resource_quota_cpu(section: Mapping[str, Any]) -> DiscoveryResult:
    if any(True for _ in _entries("cpu", section)):
        yield Service()


def discover_kubemon_resource_quota_memory(section: Mapping[str, Any]) -> DiscoveryResult:
    if any(True for _ in _entries("memory", section)):
        yield Service()


check_plugin_kubemon_resource_quota_cpu = CheckPlugin(
    name="kubemon_resource_quota_cpu",
    service_name="Resource quota cpu resources",
    sections=["kubemon_resource_quotas"],
    discovery_function=discover_kubemon_resource_quota_cpu,
    check_function=check_kubemon_resource_quota_cpu,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_resource_quota_cpu",
)

check_plugin_kubemon_resource_quota_memory = CheckPlugin(
    name="kubemon_resource_quota_memory",
    service_name="Resource quota memory resources",
    sections=["kubemon_resource_quotas"],
    discovery_function=discover_kubemon_resource_quota_memory,
    check_function=check_kubemon_resource_quota_memory,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_resource_quota_memory",
)

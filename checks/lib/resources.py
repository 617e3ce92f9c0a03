"""The CPU / Memory resources check shared by every kind of kubemon host.

Requests and limits come from kubemon_{cpu,memory}_resources_v1 (non-terminated pods only);
usage, when a usage source runs, from the node, pod or object usage section of the same host.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import CheckResult, Metric, Result, State, check_levels, render


class Params(TypedDict):
    request_utilization: tuple[str, Any]
    limit_utilization: tuple[str, Any]
    allocatable_utilization: tuple[str, Any]
    overcommit_state: int


DEFAULT_PARAMS: Params = {
    "request_utilization": ("no_levels", None),
    "limit_utilization": ("fixed", (80.0, 90.0)),
    "allocatable_utilization": ("fixed", (80.0, 90.0)),
    "overcommit_state": 1,
}

USAGE_FIELD = {"cpu": "cpu_cores", "memory": "memory_working_set_bytes"}


def usage(resource: str, *usage_sections: Mapping[str, Any] | None) -> float | None:
    for section in usage_sections:
        if section is not None and section.get(USAGE_FIELD[resource]) is not None:
            return float(section[USAGE_FIELD[resource]])
    return None


def _amount(
    resource: str,
    kind: str,
    total: float | None,
    used: float | None,
    levels: tuple[str, Any],
    render_func: Callable[[float], str],
) -> CheckResult:
    if total is None:
        return
    yield Result(state=State.OK, summary=f"{kind.capitalize()}: {render_func(total)}")
    yield Metric(f"kubemon_{resource}_{kind}", total)
    if used is not None and total > 0:
        yield from check_levels(
            100.0 * used / total,
            levels_upper=levels,
            metric_name=f"kubemon_{resource}_{kind}_utilization",
            render_func=render.percent,
            label=f"Usage of {kind}",
        )


def check_resources(
    resource: str,
    params: Params,
    section: Mapping[str, Any],
    used: float | None,
    render_func: Callable[[float], str],
) -> CheckResult:
    if used is not None:
        yield Result(state=State.OK, summary=f"Usage: {render_func(used)}")
        yield Metric(f"kubemon_{resource}_usage", used)
    total = section.get("count_total") or 0
    unset_requests = section.get("count_unspecified_requests") or 0
    unset_limits = section.get("count_unspecified_limits") or 0
    requests, limits = section.get("requests"), section.get("limits")
    yield from _amount(
        resource,
        "request",
        requests,
        used,
        params["request_utilization"],
        render_func,
    )
    yield from _amount(resource, "limit", limits, used, params["limit_utilization"], render_func)
    allocatable = section.get("allocatable")
    yield from _amount(
        resource,
        "allocatable",
        allocatable,
        used,
        params["allocatable_utilization"],
        render_func,
    )
    if allocatable:
        for kind, value in (("Requests", requests), ("Limits", limits)):
            # A container without a limit may use the whole node: limits then understate the risk.
            if value is not None and value > allocatable:
                yield Result(
                    state=State(params["overcommit_state"]),
                    summary=f"{kind} overcommit: {render_func(value)} > "
                    f"allocatable {render_func(allocatable)}",
                )
    yield Result(
        state=State.OK,
        notice=f"Containers: {total}, without request: {unset_requests}, "
        f"without limit: {unset_limits}, "
        f"zero limit: {section.get('count_zeroed_limits') or 0}",
    )

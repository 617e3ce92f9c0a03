"""The CPU / Memory resources check shared by every kind of kubemon host.

Requests and limits come from kubemon_{cpu,memory}_resources_v2 (non-terminated pods only), on a
pod's host from its kubemon_pod_containers_v2 (`pod_resources`); usage, when a usage source
runs, from the node, pod or object usage section of the same host.
Metric names are agent_kube's (`kube_<resource>_…`, Checkmk's own kube graphing defines them), so
the graphs of a host continue when it switches over (docs/switching-from-agent-kube.md).
"""

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypedDict

from cmk.agent_based.v2 import CheckResult, Metric, Result, State, check_levels, render


class Params(TypedDict):
    usage: tuple[str, Any]
    request_utilization: tuple[str, Any]
    request_lower: tuple[str, Any]
    limit_utilization: tuple[str, Any]
    allocatable_utilization: tuple[str, Any]
    cluster_allocatable: tuple[str, Any]
    node_allocatable: tuple[str, Any]
    overcommit_state: int


# As agent_kube's kube_cpu/kube_memory rules: absolute usage, requests (upper and lower), and the
# allocatable share of cluster and node apart. `allocatable_utilization` applies where the
# cluster's or node's own levels are unset.
DEFAULT_PARAMS: Params = {
    "usage": ("no_levels", None),
    "request_utilization": ("no_levels", None),
    "request_lower": ("no_levels", None),
    "limit_utilization": ("fixed", (80.0, 90.0)),
    "allocatable_utilization": ("fixed", (80.0, 90.0)),
    "cluster_allocatable": ("no_levels", None),
    "node_allocatable": ("no_levels", None),
    "overcommit_state": 1,
}

# The rule enters memory levels in MiB; the check compares bytes.
USAGE_UNIT = {"cpu": 1.0, "memory": 1024.0 * 1024.0}
NO_LEVELS: tuple[str, Any] = ("no_levels", None)

USAGE_FIELD = {"cpu": "cpu_cores", "memory": "memory_working_set_bytes"}


def usage(resource: str, *usage_sections: Mapping[str, Any] | None) -> float | None:
    for section in usage_sections:
        if section is not None and section.get(USAGE_FIELD[resource]) is not None:
            return float(section[USAGE_FIELD[resource]])
    return None


_TITLE = {"request": "Request", "limit": "Limit", "allocatable": "Allocatable"}


def pod_resources(
    resource: str,
    containers: Mapping[str, Any] | None,
    info: Mapping[str, Any] | None,
) -> Mapping[str, Any] | None:
    """A pod's kubemon_{cpu,memory}_resources_v2 as the agent sums it for other hosts, from the
    pod's containers (not init containers); all zero once the pod is terminated."""
    if containers is None:
        return None
    counts = {"total": 0, "requests": 0, "limits": 0, "zeroed": 0}
    # Decimal sums of the written figures give the float the agent's exact sum gives.
    sums = {"requests": Decimal(0), "limits": Decimal(0)}
    if (info or {}).get("phase") not in ("Succeeded", "Failed"):
        for c in containers.get("containers") or []:
            if (c or {}).get("init"):
                continue
            counts["total"] += 1
            for kind in ("requests", "limits"):
                value = ((c or {}).get(kind) or {}).get(resource)
                if value is None:
                    counts[kind] += 1
                else:
                    sums[kind] += Decimal(repr(value))
                    counts["zeroed"] += kind == "limits" and value == 0
    number = float if resource == "cpu" else int
    return {
        **{kind: number(total) if total else 0 for kind, total in sums.items()},
        "count_total": counts["total"],
        "count_unspecified_requests": counts["requests"],
        "count_unspecified_limits": counts["limits"],
        "count_zeroed_limits": counts["zeroed"],
        "allocatable": None,
    }


def _amount(
    resource: str,
    kind: str,
    context: str | None,
    total: float | None,
    unset: int,
    count: int,
    used: float | None,
    levels: tuple[str, Any],
    render_func: Callable[[float], str],
    lower: tuple[str, Any] = NO_LEVELS,
) -> CheckResult:
    if total is None:
        return
    # Usage of all containers against the requests (limits) of only some of them would read
    # as a share it is not: the share is shown only when every container sets one.
    partial = f" (set by {count - unset} of {count} containers)" if unset else ""
    yield Result(state=State.OK, summary=f"{_TITLE[kind]}: {render_func(total)}{partial}")
    yield Metric(f"kube_{resource}_{kind}", total)
    if used is not None and total > 0 and not unset:
        # agent_kube names the allocatable share after the host: cluster or node.
        metric = f"kube_{resource}_{kind}_utilization"
        if kind == "allocatable":
            metric = f"kube_{resource}_{context}_allocatable_utilization" if context else None
        yield from check_levels(
            100.0 * used / total,
            levels_upper=levels,
            levels_lower=lower,
            metric_name=metric,
            render_func=render.percent,
            label=f"Usage of {kind}",
        )


def _scaled(levels: tuple[str, Any], factor: float) -> tuple[str, Any]:
    if levels[0] != "fixed":
        return levels
    warn, crit = levels[1]
    return ("fixed", (warn * factor, crit * factor))


def _overcommit(
    params: Params,
    section: Mapping[str, Any],
    render_func: Callable[[float], str],
) -> CheckResult:
    allocatable = section["allocatable"]
    for kind in ("requests", "limits"):
        value = section.get(kind)
        if value is not None and value > allocatable:
            yield Result(
                state=State(params["overcommit_state"]),
                summary=f"{kind.capitalize()} overcommit: {render_func(value)} > "
                f"allocatable {render_func(allocatable)}",
            )


def check_resources(
    resource: str,
    params: Params,
    section: Mapping[str, Any],
    used: float | None,
    render_func: Callable[[float], str],
    context: str | None = None,
) -> CheckResult:
    """`context` is the host's object (`cluster`, `node`, …): it names the allocatable metric."""
    if used is not None:
        yield from check_levels(
            used,
            levels_upper=_scaled(params.get("usage", NO_LEVELS), USAGE_UNIT[resource]),
            metric_name=f"kube_{resource}_usage",
            render_func=render_func,
            label="Usage",
        )
    count = section.get("count_total") or 0
    unset_requests = section.get("count_unspecified_requests") or 0
    # A limit of 0 means "no limit" to the kubelet, so it counts as unset.
    unset_limits = (section.get("count_unspecified_limits") or 0) + (
        section.get("count_zeroed_limits") or 0
    )
    requests, limits = section.get("requests"), section.get("limits")
    yield from _amount(
        resource, "request", None, requests, unset_requests, count, used,
        params["request_utilization"], render_func, params.get("request_lower", NO_LEVELS),
    )
    yield from _amount(
        resource, "limit", None, limits, unset_limits, count, used,
        params["limit_utilization"], render_func,
    )
    allocatable = section.get("allocatable")
    if allocatable is not None:  # a node's or the cluster's, not a pod's or workload's
        own = params.get(f"{context}_allocatable", NO_LEVELS) if context else NO_LEVELS
        yield from _amount(
            resource, "allocatable", context, allocatable, 0, count, used,
            params["allocatable_utilization"] if own[0] == "no_levels" else own, render_func,
        )
    if allocatable:
        yield from _overcommit(params, section, render_func)
    yield Result(
        state=State.OK,
        notice=f"Containers: {count}, without request: {unset_requests}, "
        f"without limit: {section.get('count_unspecified_limits') or 0}, "
        f"zero limit: {section.get('count_zeroed_limits') or 0}",
    )

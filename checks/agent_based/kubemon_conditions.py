"""Conditions of pods and workloads: each condition that is not as it should be, and how long."""

import time
from collections.abc import Mapping
from typing import Any

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

# Condition types that signal a problem when True (all others are healthy when True). A pod's
# resize conditions exist only while a resize waits or runs (Kubernetes 1.33+).
PROBLEM_WHEN_TRUE = frozenset(
    {"ReplicaFailure", "DisruptionTarget", "PodResizePending", "PodResizeInProgress"}
)
# A finished pod's Ready/ContainersReady are False with reason PodCompleted (or PodFailed):
# that is how a finished pod looks. A failure shows in its Status and Container services.
FINISHED_REASONS = frozenset({"PodCompleted", "PodFailed"})
# Once a pod has finished, the kubelet tears down its sandbox and sets PodReadyToStartContainers
# False without a reason (recorded on k3s v1.33 for completed Job pods): that is fine too.
FALSE_WHEN_FINISHED = frozenset({"PodReadyToStartContainers", "Ready", "ContainersReady"})


# The rule key of each condition type (rule keys must be Python identifiers); a type not named
# here (PodResizePending, a custom readiness gate, ...) uses the key "other".
POD_KEYS = {
    "PodScheduled": "scheduled",
    "PodReadyToStartContainers": "ready_to_start_containers",
    "Initialized": "initialized",
    "ContainersReady": "containers_ready",
    "Ready": "ready",
    "DisruptionTarget": "disruption_target",
}
WORKLOAD_KEYS = {
    "Available": "available",
    "Progressing": "progressing",
    "ReplicaFailure": "replica_failure",
}
_LEVELS = ("fixed", (300.0, 600.0))

# How long each condition may be not as it should be. agent_kube has no levels by default;
# kubemon warns after 5 and crits after 10 minutes: a pod not Ready that long serves no traffic.
DEFAULT_PARAMS: Mapping[str, tuple[str, Any]] = {
    **{key: _LEVELS for key in POD_KEYS.values()},
    "other": _LEVELS,
}
WORKLOAD_DEFAULT_PARAMS: Mapping[str, tuple[str, Any]] = {
    **{key: _LEVELS for key in WORKLOAD_KEYS.values()},
    "other": _LEVELS,
}
_KEYS = {**POD_KEYS, **WORKLOAD_KEYS}


def levels_of(params: Mapping[str, Any], kind: str) -> tuple[str, Any]:
    """The duration levels of one condition type: its own entry, else the one of other types."""
    key = _KEYS.get(kind, "other")
    return params.get(key) or params.get("other") or _LEVELS


def _is_ok(condition: Mapping[str, Any], finished: bool) -> bool:
    if condition.get("reason") in FINISHED_REASONS:
        return True
    if finished and condition.get("type") in FALSE_WHEN_FINISHED:
        return True
    healthy = "False" if condition.get("type") in PROBLEM_WHEN_TRUE else "True"
    return condition.get("status") == healthy


def discover_kubemon_conditions(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _check(now: float, params: Mapping[str, Any], section: Mapping[str, Any]) -> CheckResult:
    conditions = section.get("conditions") or []
    finished = any(c.get("reason") in FINISHED_REASONS for c in conditions)
    ok = [_is_ok(c, finished) for c in conditions]
    bad = [c for c, is_ok in zip(conditions, ok) if not is_ok]
    if not bad:
        yield Result(state=State.OK, summary=f"All conditions OK ({len(conditions)})")
    for condition in bad:
        label = f"{condition.get('type')}: {condition.get('status')}"
        if condition.get("reason"):
            label += f" ({condition['reason']})"
        if condition.get("last_transition_time") is None:
            yield Result(state=State.WARN, summary=label)
        else:
            yield from check_levels(
                max(0.0, now - condition["last_transition_time"]),
                levels_upper=levels_of(params, str(condition.get("type"))),
                render_func=render.timespan,
                label=f"{label} for",
            )
        if condition.get("message"):
            yield Result(state=State.OK, notice=f"{condition.get('type')}: {condition['message']}")
    for condition, is_ok in zip(conditions, ok):
        if is_ok:
            yield Result(
                state=State.OK,
                notice=f"{condition.get('type')}: {condition.get('status')}",
            )


def check_kubemon_conditions(params: Mapping[str, Any], section: Mapping[str, Any]) -> CheckResult:
    yield from _check(time.time(), params, section)


check_plugin_kubemon_pod_conditions = CheckPlugin(
    name="kubemon_pod_conditions",
    service_name="Condition",
    discovery_function=discover_kubemon_conditions,
    check_function=check_kubemon_conditions,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_conditions",
)

check_plugin_kubemon_workload_conditions = CheckPlugin(
    name="kubemon_workload_conditions",
    service_name="Condition",
    discovery_function=discover_kubemon_conditions,
    check_function=check_kubemon_conditions,
    check_default_parameters=dict(WORKLOAD_DEFAULT_PARAMS),
    check_ruleset_name="kubemon_workload_conditions",
)

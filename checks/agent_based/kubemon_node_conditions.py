"""Conditions of a node: Ready must be True, the pressure conditions must be False."""

from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import CheckPlugin, CheckResult, DiscoveryResult, Result, Service, State

# Conditions that are healthy when False. Anything else vendors add (e.g. the node problem
# detector's KernelDeadlock, FrequentKubeletRestart) is a problem when True, too.
PROBLEM_WHEN_TRUE = ("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable")


class Params(TypedDict):
    not_ready_state: int
    pressure_state: int
    other_true_state: int


DEFAULT_PARAMS: Params = {"not_ready_state": 2, "pressure_state": 2, "other_true_state": 1}


def discover_kubemon_node_conditions(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _state(params: Params, condition: Mapping[str, Any]) -> State:
    kind, status = condition.get("type"), condition.get("status")
    if kind == "Ready":
        return State.OK if status == "True" else State(params["not_ready_state"])
    if kind in PROBLEM_WHEN_TRUE:
        return State.OK if status == "False" else State(params["pressure_state"])
    return State(params["other_true_state"]) if status == "True" else State.OK


def _text(condition: Mapping[str, Any]) -> str:
    return f"{condition.get('type')}: {condition.get('status')} ({condition.get('reason')})"


def check_kubemon_node_conditions(params: Params, section: Mapping[str, Any]) -> CheckResult:
    conditions = section.get("conditions") or []
    bad = [(c, _state(params, c)) for c in conditions if _state(params, c) != State.OK]
    if not bad:
        yield Result(state=State.OK, summary=f"Ready, all {len(conditions)} conditions OK")
    for condition, state in bad:
        yield Result(
            state=state,
            summary=_text(condition),
            details=f"{_text(condition)}: {condition.get('message')}",
        )
    for condition in conditions:
        if _state(params, condition) == State.OK:
            yield Result(
                state=State.OK,
                notice=_text(condition),
            )


check_plugin_kubemon_node_conditions = CheckPlugin(
    name="kubemon_node_conditions",
    service_name="Condition",
    discovery_function=discover_kubemon_node_conditions,
    check_function=check_kubemon_node_conditions,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_conditions",
)

"""Conditions of a node: for each condition type, the state of True, False and Unknown."""

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from cmk.agent_based.v2 import CheckPlugin, CheckResult, DiscoveryResult, Result, Service, State


class StateMap(TypedDict):
    true: int
    false: int
    unknown: int


class CustomMap(StateMap):
    type: str


class Params(TypedDict, total=False):
    ready: StateMap
    memory_pressure: StateMap
    disk_pressure: StateMap
    pid_pressure: StateMap
    network_unavailable: StateMap
    other: StateMap
    custom: Sequence[CustomMap]


# The rule's keys of the native condition types (the rule's keys must be Python identifiers).
NATIVE = {
    "Ready": "ready",
    "MemoryPressure": "memory_pressure",
    "DiskPressure": "disk_pressure",
    "PIDPressure": "pid_pressure",
    "NetworkUnavailable": "network_unavailable",
}
# Ready must be True, the pressure conditions and NetworkUnavailable False; Unknown means the
# kubelet stopped reporting. Any other type (the node problem detector's KernelDeadlock,
# ReadonlyFilesystem, ...) is a problem when True: WARN unless the rule names it.
DEFAULT_PARAMS: Params = {
    "ready": {"true": 0, "false": 2, "unknown": 2},
    "memory_pressure": {"true": 2, "false": 0, "unknown": 2},
    "disk_pressure": {"true": 2, "false": 0, "unknown": 2},
    "pid_pressure": {"true": 2, "false": 0, "unknown": 2},
    "network_unavailable": {"true": 2, "false": 0, "unknown": 2},
    "other": {"true": 1, "false": 0, "unknown": 1},
}
_STATUS_KEYS = {"True": "true", "False": "false", "Unknown": "unknown"}


def discover_kubemon_node_conditions(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def state_map(params: Mapping[str, Any], kind: str) -> Mapping[str, int]:
    """The states of one condition type: the rule's own entry for it (any case), else its native
    entry, else the one for other types."""
    for custom in params.get("custom") or []:
        if str(custom.get("type", "")).lower() == kind.lower():
            return custom
    native = next((key for name, key in NATIVE.items() if name.lower() == kind.lower()), None)
    key = native or "other"
    return params.get(key) or DEFAULT_PARAMS[key]  # type: ignore[literal-required]


def _state(params: Mapping[str, Any], condition: Mapping[str, Any]) -> State:
    states = state_map(params, str(condition.get("type")))
    return State(states[_STATUS_KEYS.get(str(condition.get("status")), "unknown")])


def _text(condition: Mapping[str, Any]) -> str:
    return f"{condition.get('type')}: {condition.get('status')} ({condition.get('reason')})"


def check_kubemon_node_conditions(params: Params, section: Mapping[str, Any]) -> CheckResult:
    conditions = section.get("conditions") or []
    states = [(c, _state(params, c)) for c in conditions]
    if all(state == State.OK for _, state in states):
        yield Result(state=State.OK, summary=f"Ready, all {len(conditions)} conditions OK")
    for condition, state in states:
        if state != State.OK:
            yield Result(
                state=state,
                summary=_text(condition),
                details=f"{_text(condition)}: {condition.get('message')}",
            )
    for condition, state in states:
        if state == State.OK:
            yield Result(state=State.OK, notice=_text(condition))


check_plugin_kubemon_node_conditions = CheckPlugin(
    name="kubemon_node_conditions",
    service_name="Condition",
    discovery_function=discover_kubemon_node_conditions,
    check_function=check_kubemon_node_conditions,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_node_conditions",
)

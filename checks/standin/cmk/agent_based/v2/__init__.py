"""Stand-in for cmk.agent_based.v2 (tests and the runner only, never shipped).

Reproduces the documented surface and validation rules (research doc §3): keyword-only
classes, Result summary/notice rules, Metric name rules, v2 check_levels with
("fixed", (w, c)) / ("no_levels", None) levels, State.worst ranking CRIT above UNKNOWN.
"""

import enum
import inspect
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import render
from ._inventory import Attributes, InventoryPlugin, InventoryResult, TableRow

__all__ = [
    "AgentSection",
    "Attributes",
    "InventoryPlugin",
    "InventoryResult",
    "TableRow",
    "CheckPlugin",
    "CheckResult",
    "DiscoveryResult",
    "HostLabel",
    "HostLabelGenerator",
    "IgnoreResultsError",
    "Metric",
    "Result",
    "Service",
    "State",
    "StringTable",
    "check_levels",
    "get_value_store",
    "render",
]

StringTable = list[list[str]]
CheckResult = Iterable[Any]
DiscoveryResult = Iterable[Any]
HostLabelGenerator = Iterable[Any]


def _check_name(kind: str, name: str) -> None:
    if not name or not all(c.isalnum() and c.isascii() or c == "_" for c in name):
        raise ValueError(f"{kind} name must be letters, digits or underscores, got {name!r}")


class State(enum.IntEnum):
    OK = 0
    WARN = 1
    CRIT = 2
    UNKNOWN = 3

    @classmethod
    def worst(cls, *states: "State") -> "State":
        # Checkmk ranks CRIT above UNKNOWN: OK < WARN < UNKNOWN < CRIT.
        return max(states, key=lambda s: (0, 1, 3, 2)[int(s)])

    @classmethod
    def best(cls, *states: "State") -> "State":
        return min(states, key=lambda s: (0, 1, 3, 2)[int(s)])


class IgnoreResultsError(RuntimeError):
    """Raised by a check: the service goes stale instead of UNKNOWN."""


class Result:
    __slots__ = ("state", "summary", "details")

    def __init__(
        self,
        *,
        state: State,
        summary: str | None = None,
        notice: str | None = None,
        details: str | None = None,
    ) -> None:
        if not isinstance(state, State):
            raise TypeError(f"state must be a State, got {state!r}")
        if (summary is None) == (notice is None):
            raise TypeError("exactly one of summary and notice must be given")
        for text in (summary, notice, details):
            if text is not None and (not isinstance(text, str) or not text.strip()):
                raise ValueError(f"Result texts must be non-empty strings, got {text!r}")
        if summary is not None and "\n" in summary:
            raise ValueError(f"summary must not contain a newline: {summary!r}")
        text = summary if summary is not None else notice
        self.state = state
        # A notice shows in the summary only when its state is not OK.
        if summary is None:
            summary = "" if state == State.OK else notice.replace("\n", ", ")
        self.summary = summary
        self.details = details if details is not None else text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return (self.state, self.summary, self.details) == (
            other.state,
            other.summary,
            other.details,
        )

    def __hash__(self) -> int:
        return hash((self.state, self.summary, self.details))

    def __repr__(self) -> str:
        state = f"<State.{self.state.name}: {int(self.state)}>"
        return f"Result(state={state}, summary={self.summary!r}, details={self.details!r})"


class Metric:
    __slots__ = ("name", "value", "levels", "boundaries")

    def __init__(
        self,
        name: str,
        value: float,
        *,
        levels: tuple[float | None, float | None] | None = None,
        boundaries: tuple[float | None, float | None] | None = None,
    ) -> None:
        if not isinstance(name, str) or not name or any(c in name for c in " :/\\"):
            raise TypeError(f"invalid metric name {name!r}")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"metric value must be a number, got {value!r}")
        self.name = name
        self.value = float(value)
        self.levels = levels
        self.boundaries = boundaries

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Metric):
            return NotImplemented
        return (self.name, self.value, self.levels, self.boundaries) == (
            other.name,
            other.value,
            other.levels,
            other.boundaries,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.value))

    def __repr__(self) -> str:
        extra = f"levels={self.levels!r}, boundaries={self.boundaries!r}"
        return f"Metric({self.name!r}, {self.value!r}, {extra})"


@dataclass(frozen=True, kw_only=True)
class HostLabel:
    name: str
    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not isinstance(self.value, str):
            raise TypeError(f"host label name and value must be strings: {self.name!r}")


@dataclass(frozen=True, kw_only=True)
class Service:
    item: str | None = None
    parameters: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.item is not None and (not isinstance(self.item, str) or not self.item):
            raise TypeError(f"item must be None or a non-empty string, got {self.item!r}")


@dataclass(frozen=True, kw_only=True)
class AgentSection:
    name: str
    parse_function: Callable[[StringTable], Any]
    parsed_section_name: str | None = None
    host_label_function: Callable[..., HostLabelGenerator] | None = None

    def __post_init__(self) -> None:
        _check_name("section", self.name)
        if self.parsed_section_name is not None:
            _check_name("parsed section", self.parsed_section_name)


@dataclass(frozen=True, kw_only=True)
class CheckPlugin:
    name: str
    service_name: str
    discovery_function: Callable[..., DiscoveryResult]
    check_function: Callable[..., CheckResult]
    sections: Sequence[str] | None = None
    check_default_parameters: dict[str, Any] | None = None
    check_ruleset_name: str | None = None

    def __post_init__(self) -> None:
        _check_name("check plug-in", self.name)
        if self.check_ruleset_name is not None and self.check_default_parameters is None:
            raise ValueError(f"{self.name}: a ruleset needs check_default_parameters")
        if self.service_name.count("%s") > 1:
            raise ValueError(f"{self.name}: service name has more than one %s")
        # Checkmk enforces the argument names: item iff the service name has %s, params iff
        # there are default parameters, section or section_<name> per subscribed section.
        names = list(self.sections or [self.name])
        sections = ["section"] if len(names) == 1 else [f"section_{n}" for n in names]
        _check_args(self.name, "discovery", self.discovery_function, sections)
        expected = (["item"] if "%s" in self.service_name else []) + (
            ["params"] if self.check_default_parameters is not None else []
        )
        _check_args(self.name, "check", self.check_function, expected + sections)


def _check_args(
    plugin: str,
    kind: str,
    function: Callable[..., object],
    expected: list[str],
) -> None:
    got = list(inspect.signature(function).parameters)
    if got != expected:
        raise TypeError(f"{plugin}: {kind} function must take {expected}, takes {got}")


LevelsT = tuple[str, Any] | None


def _levels_text(
    word: str,
    levels: tuple[float, float],
    render_func: Callable[[float], str],
) -> str:
    return f" (warn/crit {word} {render_func(levels[0])}/{render_func(levels[1])})"


def _fixed(levels: LevelsT) -> tuple[float, float] | None:
    if levels is None or levels[0] == "no_levels":
        return None
    if levels[0] != "fixed":
        raise TypeError(f"the stand-in supports only fixed levels, got {levels!r}")
    return levels[1]


def check_levels(
    value: float,
    *,
    levels_upper: LevelsT = None,
    levels_lower: LevelsT = None,
    metric_name: str | None = None,
    render_func: Callable[[float], str] | None = None,
    label: str | None = None,
    boundaries: tuple[float | None, float | None] | None = None,
    notice_only: bool = False,
) -> CheckResult:
    render_func = render_func or (lambda v: "%.2f" % v)
    text = f"{label}: {render_func(value)}" if label else render_func(value)
    upper, lower = _fixed(levels_upper), _fixed(levels_lower)
    state, suffix = State.OK, ""
    if upper is not None and value >= upper[1]:
        state, suffix = State.CRIT, _levels_text("at", upper, render_func)
    elif upper is not None and value >= upper[0]:
        state, suffix = State.WARN, _levels_text("at", upper, render_func)
    elif lower is not None and value < lower[1]:
        state, suffix = State.CRIT, _levels_text("below", lower, render_func)
    elif lower is not None and value < lower[0]:
        state, suffix = State.WARN, _levels_text("below", lower, render_func)
    if notice_only:
        yield Result(state=state, notice=text + suffix)
    else:
        yield Result(state=state, summary=text + suffix)
    if metric_name:
        yield Metric(metric_name, value, levels=upper, boundaries=boundaries)


_VALUE_STORE: MutableMapping[str, Any] = {}


def get_value_store() -> MutableMapping[str, Any]:
    """The persistent dict of the host and service being checked (set by the runner)."""
    return _VALUE_STORE


def _set_value_store(store: MutableMapping[str, Any]) -> None:
    global _VALUE_STORE
    _VALUE_STORE = store


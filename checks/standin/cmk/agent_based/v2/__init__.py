"""Stand-in for cmk.agent_based.v2 (tests and the runner only, never shipped).

Behaves like Checkmk's real API where it offers something (the conformance probes in
../shared/fixtures/cmk-api-conformance check that): `State` is a plain Enum (no `<`, no `== 0`),
`Result`, `Metric`, `Service` and `HostLabel` are validated NamedTuples, `check_levels` takes the
worst of upper and lower levels, `get_value_store()` only works while the backend runs a check.
Like the real classes, `AgentSection` and `CheckPlugin` do not validate at construction: the
site's backend does that when it loads the plug-ins (`kubemon_env.plugin_objects` here).
"""

import enum
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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


@enum.unique
class State(enum.Enum):
    """A plain Enum, as for real: states do not compare with `<` and are not ints."""

    OK = 0
    WARN = 1
    CRIT = 2
    UNKNOWN = 3

    def __int__(self) -> int:
        return int(self._value_)  # the member's value, without the `value` property's cost

    @classmethod
    def worst(cls, *states: "State | int") -> "State":
        """Checkmk ranks CRIT above UNKNOWN: OK < WARN < UNKNOWN < CRIT.

        As the real API decides it: CRIT (or 2) anywhere wins, else the highest number.
        """
        if _CRIT in states or 2 in states:
            return _CRIT
        worst = max(map(int, states))
        return _BY_VALUE[worst] if worst in _BY_VALUE else cls(worst)

    @classmethod
    def best(cls, *states: "State | int") -> "State":
        return min((cls(int(s)) for s in states), key=lambda s: _RANK[s.value])


_RANK = (0, 1, 3, 2)  # by State value: OK, WARN, CRIT, UNKNOWN
_CRIT = State.CRIT
_BY_VALUE = {state.value: state for state in State}


class IgnoreResultsError(RuntimeError):
    """Raised by a check: the service goes stale instead of UNKNOWN."""


class _ResultFields(NamedTuple):
    state: State
    summary: str
    details: str


_new_tuple = tuple.__new__


class Result(_ResultFields):
    """state + summary (or notice: in the summary only when not OK) + details."""

    __slots__ = ()

    def __new__(
        cls,
        *,
        state: State,
        summary: str | None = None,
        notice: str | None = None,
        details: str | None = None,
    ) -> "Result":
        # The common case, validated as below in fewer steps: a State and a one-line summary.
        if (
            state.__class__ is State
            and summary.__class__ is str
            and summary
            and notice is None
            and details is None
            and "\n" not in summary
        ):
            return _new_tuple(cls, (state, summary, summary))
        if (
            state.__class__ is State
            and notice.__class__ is str
            and notice
            and summary is None
            and details is None
        ):
            shown = notice.replace("\n", ", ") if state is not State.OK else ""
            return _new_tuple(cls, (state, shown, notice))
        if not isinstance(state, State):
            raise TypeError(f"'state' must be a checkmk State constant, got {state}")
        for text, name in ((summary, "summary"), (notice, "notice"), (details, "details")):
            if text is None:
                continue
            if not isinstance(text, str):
                raise TypeError(f"'{name}' must be non-empty str or None, got {text}")
            if not text:
                raise ValueError(f"'{name}' must be non-empty str or None, got {text}")
        if summary:
            if notice:
                raise TypeError("'summary' and 'notice' are mutually exclusive arguments")
            if "\n" in summary:
                raise ValueError("'\\n' not allowed in 'summary'")
            return super().__new__(cls, state, summary, details or summary)
        if notice:
            shown = notice.replace("\n", ", ") if state is not State.OK else ""
            return super().__new__(cls, state, shown, details or notice)
        raise TypeError("at least 'summary' or 'notice' is required")

    def __repr__(self) -> str:
        if not self.summary:
            texts = f"notice={self.details!r}"
        elif self.summary != self.details:
            texts = f"summary={self.summary!r}, details={self.details!r}"
        else:
            texts = f"summary={self.summary!r}"
        return f"Result(state={self.state!r}, {texts})"


_Pair = tuple[float | None, float | None]


class _MetricFields(NamedTuple):
    name: str
    value: float
    levels: _Pair
    boundaries: _Pair


_NO_PAIR: _Pair = (None, None)
_NUMBER = (int, float)


def _metric_pair(field: str, pair: object) -> _Pair:
    if pair is None:
        return _NO_PAIR
    if not isinstance(pair, tuple) or len(pair) != 2:
        raise TypeError(f"{field!r} for metric must be a 2-tuple or None")
    low, high = pair
    for each in pair:
        if each is not None and not isinstance(each, _NUMBER):
            raise TypeError(f"{field} values for metric must be float, int or None")
    return (None if low is None else float(low), None if high is None else float(high))


class Metric(_MetricFields):
    """A metric; levels and boundaries are (None, None) or pairs of floats."""

    __slots__ = ()

    def __new__(
        cls,
        name: str,
        value: float,
        *,
        levels: _Pair | None = None,
        boundaries: _Pair | None = None,
    ) -> "Metric":
        if not name:
            raise TypeError("metric name must not be empty")
        if name.__class__ is not str or (
            " " in name or ":" in name or "/" in name or "\\" in name
        ):
            offenders = set(name) & {" ", ":", "/", "\\"}
            if offenders:
                raise TypeError(f"invalid character(s) in metric name: {''.join(offenders)!r}")
        if not isinstance(value, _NUMBER):
            raise TypeError(f"value for metric must be float or int, got {value!r}")
        return _new_tuple(
            cls,
            (
                name,
                float(value),
                _NO_PAIR if levels is None else _metric_pair("levels", levels),
                _NO_PAIR if boundaries is None else _metric_pair("boundaries", boundaries),
            ),
        )

    def __repr__(self) -> str:
        levels = "" if self.levels == (None, None) else f", levels={self.levels!r}"
        bounds = "" if self.boundaries == (None, None) else f", boundaries={self.boundaries!r}"
        return f"Metric({self.name!r}, {self.value!r}{levels}{bounds})"


class _HostLabelFields(NamedTuple):
    name: str
    value: str


class HostLabel(_HostLabelFields):
    __slots__ = ()

    def __new__(cls, name: str, value: str) -> "HostLabel":
        if name.__class__ is str and value.__class__ is str:  # the common case
            return _new_tuple(cls, (name, value))
        if not isinstance(name, str):
            raise TypeError(f"Invalid label name given: Expected string (got {name!r})")
        if not isinstance(value, str):
            raise TypeError(f"Invalid label value given: Expected string (got {value!r})")
        return super().__new__(cls, name, value)

    def __repr__(self) -> str:
        return f"HostLabel({self.name!r}, {self.value!r})"


class _ServiceFields(NamedTuple):
    item: str | None
    parameters: Mapping[str, object]
    labels: Sequence[object]


class Service(_ServiceFields):
    """A discovered service; parameters must be a real dict (they are stored in autochecks)."""

    __slots__ = ()

    def __new__(
        cls,
        *,
        item: str | None = None,
        parameters: Mapping[str, object] | None = None,
        labels: Sequence[object] | None = None,
    ) -> "Service":
        if item is None and parameters is None and labels is None:  # the common case
            return _new_tuple(cls, (None, {}, []))
        if item is not None and not (item and isinstance(item, str)):
            raise TypeError(f"'item' must be a non empty string or ommited entirely, got {item!r}")
        if parameters is None:
            parameters = {}
        elif not isinstance(parameters, dict) or not all(isinstance(k, str) for k in parameters):
            raise TypeError(f"'parameters' must be dict or None, got {parameters!r}")
        if labels:
            # The stand-in offers no ServiceLabel, so no non-empty label list is valid here.
            raise TypeError(f"'labels' must be list of ServiceLabels or None, got {labels!r}")
        return super().__new__(cls, item, parameters, [])

    def __repr__(self) -> str:
        shown = (("item", self.item), ("parameters", self.parameters), ("labels", self.labels))
        return "Service(" + ", ".join(f"{k}={v!r}" for k, v in shown if v) + ")"


@dataclass(frozen=True, kw_only=True)
class AgentSection:
    name: str
    parse_function: Callable[[StringTable], Any]
    parsed_section_name: str | None = None
    host_label_function: Callable[..., HostLabelGenerator] | None = None
    host_label_default_parameters: Mapping[str, object] | None = None
    host_label_ruleset_name: str | None = None
    supersedes: list[str] | None = None


@dataclass(frozen=True, kw_only=True)
class CheckPlugin:
    name: str
    service_name: str
    discovery_function: Callable[..., DiscoveryResult]
    check_function: Callable[..., CheckResult]
    sections: list[str] | None = None
    discovery_default_parameters: Mapping[str, object] | None = None
    discovery_ruleset_name: str | None = None
    check_default_parameters: Mapping[str, object] | None = None
    check_ruleset_name: str | None = None
    cluster_check_function: Callable[..., CheckResult] | None = None


# check_levels -------------------------------------------------------------------------------

LevelsT = tuple[str, Any] | None


class _Outcome(NamedTuple):
    state: State = State.OK
    levels: tuple[float, float] | None = None
    text: str = ""
    predictive: bool = False
    prediction: Metric | None = None


_NO_OUTCOME = _Outcome()

_Render = Callable[[float], str]


def _default_render(value: float) -> str:
    return f"{value:.2f}"


def _fixed(value: float, levels: Any, upper: bool, render_func: _Render) -> _Outcome:
    warn, crit = levels
    # Rendered whether or not a level is crossed, as the real API does.
    text = f"(warn/crit {'at' if upper else 'below'} {render_func(warn)}/{render_func(crit)})"
    if upper:
        state = State.CRIT if value >= crit else State.WARN if value >= warn else State.OK
    else:
        state = State.CRIT if value < crit else State.WARN if value < warn else State.OK
    return _Outcome(state, (warn, crit), text if state is not State.OK else "")


def _one_side(value: float, levels: Any, upper: bool, render_func: _Render) -> _Outcome:
    if levels is None:
        return _NO_OUTCOME
    if levels.__class__ is tuple and len(levels) == 2:
        # The two common shapes, decided as the match below decides them.
        kind, arguments = levels
        if kind == "no_levels" and arguments is None:
            return _NO_OUTCOME
        if kind == "fixed" and arguments.__class__ is tuple and len(arguments) == 2:
            return _fixed(value, arguments, upper, render_func)
    match levels:
        case None | ("no_levels", None):
            return _NO_OUTCOME
        case ("fixed", (warn, crit)):
            return _fixed(value, (warn, crit), upper, render_func)
        case ("predictive", (str(metric), predicted, p_levels)):
            prediction = None
            if predicted is not None:
                prefix = "predict_" if upper else "predict_lower_"
                prediction = Metric(f"{prefix}{metric}", predicted)
            if p_levels is None:
                return _Outcome(predictive=True, prediction=prediction)
            fixed = _fixed(value, p_levels, upper, render_func)
            return _Outcome(fixed.state, fixed.levels, fixed.text, True, prediction)
    raise TypeError(f"Incorrect level parameters: {levels!r}")


def _prediction_text(upper: _Outcome, lower: _Outcome, render_func: _Render) -> str:
    values = [o.prediction.value for o in (upper, lower) if o.prediction is not None]
    if not values:
        return "(prediction: N/A)"
    if len(values) == 1 or values[0] == values[1]:
        return f"(prediction: {render_func(values[0])})"
    return (
        f"(upper levels prediction: {render_func(values[0])}, "
        f"lower levels prediction: {render_func(values[1])})"
    )


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
    """The value against upper and lower levels: the worst state, the texts of both."""
    render_func = render_func or _default_render
    rendered = render_func(value)
    upper = lower = _NO_OUTCOME
    if levels_upper is not None:
        upper = _one_side(value, levels_upper, True, render_func)
    if levels_lower is not None:
        lower = _one_side(value, levels_lower, False, render_func)
    text = f"{label}: {rendered}" if label else rendered
    if upper.predictive or lower.predictive or upper.text or lower.text:
        texts = [
            text,
            _prediction_text(upper, lower, render_func)
            if upper.predictive or lower.predictive
            else "",
            upper.text,
            lower.text,
        ]
        text = " ".join(t for t in texts if t)
    state = State.worst(upper.state, lower.state)
    if notice_only:
        yield Result(state=state, notice=text)
    else:
        yield Result(state=state, summary=text)
    if metric_name:
        yield Metric(metric_name, value, levels=upper.levels, boundaries=boundaries)
    if upper.prediction is not None:
        yield upper.prediction
    if lower.prediction is not None:
        yield lower.prediction


# Value store --------------------------------------------------------------------------------

_VALUE_STORE: MutableMapping[str, Any] | None = None


def get_value_store() -> MutableMapping[str, Any]:
    """The persistent dict of the service being checked; only inside a check, as for real."""
    assert _VALUE_STORE is not None
    return _VALUE_STORE


def _set_value_store(store: MutableMapping[str, Any] | None) -> None:
    """The runner's hook (the backend's part): the store of the next check, None after it."""
    global _VALUE_STORE
    _VALUE_STORE = store

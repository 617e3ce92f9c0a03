"""Stand-in for cmk.rulesets.v1.form_specs (the subset kubemon uses).

All form specs are keyword-only frozen dataclasses (research doc §4). `prefill` is
`DefaultValue(x)` (a real default) or `InputHint(x)` (a placeholder only).
"""

import enum
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import Help, Label, Title

__all__ = [
    "CascadingSingleChoice",
    "CascadingSingleChoiceElement",
    "DefaultValue",
    "DictElement",
    "Dictionary",
    "FixedValue",
    "Float",
    "FormSpec",
    "InputHint",
    "Integer",
    "LevelDirection",
    "LevelsType",
    "List",
    "MatchingScope",
    "MultilineText",
    "MultipleChoice",
    "MultipleChoiceElement",
    "Password",
    "Percentage",
    "Proxy",
    "RegularExpression",
    "ServiceState",
    "SimpleLevels",
    "String",
    "TimeMagnitude",
    "TimeSpan",
    "migrate_to_password",
    "migrate_to_proxy",
]


@dataclass(frozen=True)
class DefaultValue:
    value: Any


@dataclass(frozen=True)
class InputHint:
    value: Any


@dataclass(frozen=True, kw_only=True)
class FormSpec:
    title: Title | None = None
    help_text: Help | None = None
    migrate: Callable[[object], object] | None = None
    custom_validate: Sequence[Callable[[Any], object]] | None = None


@dataclass(frozen=True, kw_only=True)
class String(FormSpec):
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint("")
    field_size: str | None = None


@dataclass(frozen=True, kw_only=True)
class MultilineText(FormSpec):
    label: Label | None = None
    monospaced: bool = False
    prefill: DefaultValue | InputHint = InputHint("")


class MatchingScope(enum.Enum):
    PREFIX = "prefix"
    INFIX = "infix"
    FULL = "full"


@dataclass(frozen=True, kw_only=True)
class RegularExpression(FormSpec):
    predefined_help_text: MatchingScope
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint("")


@dataclass(frozen=True, kw_only=True)
class Integer(FormSpec):
    label: Label | None = None
    unit_symbol: str = ""
    prefill: DefaultValue | InputHint = InputHint(0)


@dataclass(frozen=True, kw_only=True)
class Float(FormSpec):
    label: Label | None = None
    unit_symbol: str = ""
    prefill: DefaultValue | InputHint = InputHint(0.0)


@dataclass(frozen=True, kw_only=True)
class Percentage(FormSpec):
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint(0.0)


class TimeMagnitude(enum.Enum):
    MILLISECOND = "millisecond"
    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"


@dataclass(frozen=True, kw_only=True)
class TimeSpan(FormSpec):
    displayed_magnitudes: Sequence[TimeMagnitude]
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint(0.0)


@dataclass(frozen=True, kw_only=True)
class ServiceState(FormSpec):
    prefill: DefaultValue = DefaultValue(0)


@dataclass(frozen=True, kw_only=True)
class FixedValue(FormSpec):
    value: Any
    label: Label | None = None


@dataclass(frozen=True, kw_only=True)
class DictElement:
    parameter_form: FormSpec
    required: bool = False


@dataclass(frozen=True, kw_only=True)
class Dictionary(FormSpec):
    elements: Mapping[str, DictElement]

    def __post_init__(self) -> None:
        for key in self.elements:
            if not key.isidentifier():
                raise ValueError(f"Dictionary keys must be identifiers, got {key!r}")


@dataclass(frozen=True, kw_only=True)
class CascadingSingleChoiceElement:
    name: str
    title: Title
    parameter_form: FormSpec


@dataclass(frozen=True, kw_only=True)
class CascadingSingleChoice(FormSpec):
    elements: Sequence[CascadingSingleChoiceElement]
    prefill: DefaultValue | InputHint = InputHint(Title("Please choose"))

    def __post_init__(self) -> None:
        names = [e.name for e in self.elements]
        if isinstance(self.prefill, DefaultValue) and self.prefill.value not in names:
            raise ValueError(f"prefill {self.prefill.value!r} is not one of {names}")


@dataclass(frozen=True, kw_only=True)
class MultipleChoiceElement:
    name: str
    title: Title


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(FormSpec):
    elements: Sequence[MultipleChoiceElement]
    show_toggle_all: bool = False
    prefill: DefaultValue = DefaultValue(())

    def __post_init__(self) -> None:
        names = {e.name for e in self.elements}
        unknown = set(self.prefill.value) - names
        if unknown:
            raise ValueError(f"prefill names {sorted(unknown)} are not elements")


@dataclass(frozen=True, kw_only=True)
class List(FormSpec):
    element_template: FormSpec
    add_element_label: Label | None = None
    editable_order: bool = True


@dataclass(frozen=True, kw_only=True)
class Password(FormSpec):
    pass


@dataclass(frozen=True, kw_only=True)
class Proxy(FormSpec):
    pass


class LevelDirection(enum.Enum):
    UPPER = "upper"
    LOWER = "lower"


class LevelsType(enum.Enum):
    NONE = "none"
    FIXED = "fixed"


@dataclass(frozen=True, kw_only=True)
class SimpleLevels(FormSpec):
    """Consumer model: ("no_levels", None) or ("fixed", (warn, crit))."""

    form_spec_template: FormSpec
    level_direction: LevelDirection
    prefill_fixed_levels: DefaultValue | InputHint
    prefill_levels_type: DefaultValue = field(
        default_factory=lambda: DefaultValue(LevelsType.FIXED),
    )


def migrate_to_password(model: object) -> tuple[str, str, tuple[str, str]]:
    match model:
        case ("cmk_postprocessed", "explicit_password" | "stored_password", (str(), str())):
            return model  # type: ignore[return-value]
        case ("password", str(password)):
            return ("cmk_postprocessed", "explicit_password", (f"uuid{uuid.uuid4()}", password))
        case ("store", str(password_id)):
            return ("cmk_postprocessed", "stored_password", (password_id, ""))
    raise TypeError(f"cannot migrate {model!r} to a password")


def migrate_to_proxy(model: object) -> tuple[str, str, str]:
    match model:
        case ("cmk_postprocessed", str(), str()):
            return model  # type: ignore[return-value]
        case ("global", str(proxy_id)):
            return ("cmk_postprocessed", "stored_proxy", proxy_id)
        case ("environment", _):
            return ("cmk_postprocessed", "environment_proxy", "")
        case ("url", str(url)):
            return ("cmk_postprocessed", "explicit_proxy", url)
        case ("no_proxy", _):
            return ("cmk_postprocessed", "no_proxy", "")
    raise TypeError(f"cannot migrate {model!r} to a proxy")
from . import validators  # noqa: E402

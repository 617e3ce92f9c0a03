"""Stand-in for cmk.rulesets.v1.form_specs (the subset kubemon uses).

All form specs are keyword-only frozen dataclasses (research doc §4). `prefill` is
`DefaultValue(x)` (a real default) or `InputHint(x)` (a placeholder only). As for real, keys and
choice names must be non-reserved Python identifiers, a FixedValue must be a literal, and the
migrations accept exactly the formats the real ones accept.
"""

import ast
import enum
import keyword
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .. import Help, Label, Message, Title

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


def _validate_name(name: str) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"'{name}' is not a valid, non-reserved Python identifier")


@dataclass(frozen=True, kw_only=True)
class String(FormSpec):
    label: Label | None = None
    macro_support: bool = False
    prefill: DefaultValue | InputHint = InputHint("")
    field_size: object = None


@dataclass(frozen=True, kw_only=True)
class MultilineText(FormSpec):
    label: Label | None = None
    monospaced: bool = False
    prefill: DefaultValue | InputHint = InputHint("")


class MatchingScope(enum.Enum):
    PREFIX = enum.auto()
    INFIX = enum.auto()
    FULL = enum.auto()


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
    MILLISECOND = enum.auto()
    SECOND = enum.auto()
    MINUTE = enum.auto()
    HOUR = enum.auto()
    DAY = enum.auto()


@dataclass(frozen=True, kw_only=True)
class TimeSpan(FormSpec):
    displayed_magnitudes: Sequence[TimeMagnitude]
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint(0.0)


@dataclass(frozen=True, kw_only=True)
class ServiceState(FormSpec):
    OK: ClassVar[int] = 0
    WARN: ClassVar[int] = 1
    CRIT: ClassVar[int] = 2
    UNKNOWN: ClassVar[int] = 3

    prefill: DefaultValue = DefaultValue(0)


@dataclass(frozen=True, kw_only=True)
class FixedValue(FormSpec):
    value: Any
    label: Label | None = None

    def __post_init__(self) -> None:
        try:
            ast.literal_eval(repr(self.value))
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
            raise ValueError("FixedValue value is not serializable.") from exc


@dataclass(frozen=True, kw_only=True)
class DictElement:
    parameter_form: FormSpec
    required: bool = False
    render_only: bool = False


@dataclass(frozen=True, kw_only=True)
class Dictionary(FormSpec):
    elements: Mapping[str, DictElement]
    no_elements_text: Message = Message("(no parameters)")
    ignored_elements: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for key in self.elements:
            _validate_name(key)
        both = set(self.elements) & set(self.ignored_elements)
        if both:
            raise ValueError(f"Elements are marked as 'ignored' but still present: {both}")


@dataclass(frozen=True, kw_only=True)
class CascadingSingleChoiceElement:
    name: str
    title: Title
    parameter_form: FormSpec

    def __post_init__(self) -> None:
        _validate_name(self.name)


@dataclass(frozen=True, kw_only=True)
class CascadingSingleChoice(FormSpec):
    elements: Sequence[CascadingSingleChoiceElement]
    label: Label | None = None
    prefill: DefaultValue | InputHint = InputHint(Title("Please choose"))

    def __post_init__(self) -> None:
        names = [e.name for e in self.elements]
        if isinstance(self.prefill, DefaultValue) and self.prefill.value not in names:
            raise ValueError(f"prefill {self.prefill.value!r} is not one of {names}")


@dataclass(frozen=True, kw_only=True)
class MultipleChoiceElement:
    name: str
    title: Title

    def __post_init__(self) -> None:
        _validate_name(self.name)


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
    add_element_label: Label = Label("Add new entry")
    remove_element_label: Label = Label("Remove this entry")
    no_element_label: Label = Label("No entries")
    editable_order: bool = True


@dataclass(frozen=True, kw_only=True)
class Password(FormSpec):
    pass


@dataclass(frozen=True, kw_only=True)
class ProxySchema(str, enum.Enum):
    HTTP = "http"
    HTTPS = "https"
    SOCKS4 = "socks4"
    SOCKS4A = "socks4a"
    SOCKS5 = "socks5"
    SOCKS5H = "socks5h"


@dataclass(frozen=True, kw_only=True)
class Proxy(FormSpec):
    allowed_schemas: frozenset[ProxySchema] = frozenset(ProxySchema)


class LevelDirection(enum.Enum):
    UPPER = "upper"
    LOWER = "lower"


class LevelsType(enum.Enum):
    NONE = enum.auto()
    FIXED = enum.auto()
    PREDICTIVE = enum.auto()


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
    """The 2.2 formats ("password"/"store", x), the 2.3 beta ones, and the migrated one."""
    match model:
        case ("password", str(password)):
            return ("cmk_postprocessed", "explicit_password", (str(uuid.uuid4()), password))
        case ("store", str(password_id)):
            return ("cmk_postprocessed", "stored_password", (password_id, ""))
        case ("explicit_password" | "stored_password" as kind, str(password_id), str(password)):
            return ("cmk_postprocessed", kind, (password_id, password))
        case (
            "cmk_postprocessed",
            "explicit_password" | "stored_password" as kind,
            (str(password_id), str(password)),
        ):
            return ("cmk_postprocessed", kind, (password_id, password))
    # Never the value itself: it may hold the password.
    raise TypeError(f"Could not migrate a value of type {type(model).__name__} to Password.")


def migrate_to_proxy(model: object) -> tuple[str, str, str]:
    match model:
        case ("global", str(proxy_id)) | ("cmk_postprocessed", "stored_proxy", str(proxy_id)):
            return ("cmk_postprocessed", "stored_proxy", proxy_id)
        case ("environment", "environment") | ("cmk_postprocessed", "environment_proxy", str()):
            return ("cmk_postprocessed", "environment_proxy", "")
        case ("url", str(url)) | ("cmk_postprocessed", "explicit_proxy", str(url)):
            return ("cmk_postprocessed", "explicit_proxy", url)
        case ("no_proxy", None) | ("cmk_postprocessed", "no_proxy", str()):
            return ("cmk_postprocessed", "no_proxy", "")
    raise TypeError(f"Could not migrate a value of type {type(model).__name__} to Proxy.")


from . import validators  # noqa: E402

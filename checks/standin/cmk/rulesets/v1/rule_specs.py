"""Stand-in for cmk.rulesets.v1.rule_specs: the rule spec kinds kubemon registers."""

import enum
import keyword
from collections.abc import Callable
from dataclasses import dataclass

from . import Help, Title
from .form_specs import Dictionary, FormSpec, String

__all__ = ["CheckParameters", "HostAndItemCondition", "HostCondition", "SpecialAgent", "Topic"]


class Topic(enum.Enum):
    APPLICATIONS = "applications"
    CLOUD = "cloud"
    GENERAL = "general"
    STORAGE = "storage"


@dataclass(frozen=True, kw_only=True)
class HostCondition:
    pass


@dataclass(frozen=True, kw_only=True)
class HostAndItemCondition:
    item_title: Title
    item_form: FormSpec | None = None

    def __post_init__(self) -> None:
        if self.item_form is None:
            object.__setattr__(self, "item_form", String())


def _validate(name: str, parameter_form: Callable[[], Dictionary]) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"rule spec name must be a Python identifier, got {name!r}")
    if not callable(parameter_form) or not isinstance(parameter_form(), Dictionary):
        raise TypeError(f"{name}: parameter_form must be a callable returning a Dictionary")


@dataclass(frozen=True, kw_only=True)
class SpecialAgent:
    title: Title
    topic: Topic
    parameter_form: Callable[[], Dictionary]
    name: str
    is_deprecated: bool = False
    help_text: Help | None = None

    def __post_init__(self) -> None:
        _validate(self.name, self.parameter_form)


@dataclass(frozen=True, kw_only=True)
class CheckParameters:
    title: Title
    topic: Topic
    parameter_form: Callable[[], Dictionary]
    name: str
    condition: HostCondition | HostAndItemCondition
    is_deprecated: bool = False
    help_text: Help | None = None

    def __post_init__(self) -> None:
        _validate(self.name, self.parameter_form)

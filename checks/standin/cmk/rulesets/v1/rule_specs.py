"""Stand-in for cmk.rulesets.v1.rule_specs: the rule spec kinds kubemon registers.

As for real: names must be non-reserved Python identifiers, and the parameter form is not
called at construction (Setup calls it when it renders the rule).
"""

import enum
import keyword
from collections.abc import Callable
from dataclasses import dataclass

from . import Help, Title
from .form_specs import Dictionary, FormSpec, String
from .form_specs.validators import LengthInRange

__all__ = ["CheckParameters", "HostAndItemCondition", "HostCondition", "SpecialAgent", "Topic"]


class Topic(enum.Enum):
    APPLICATIONS = "applications"
    CACHING_MESSAGE_QUEUES = "cache_message_queues"
    CLOUD = "cloud"
    CONFIGURATION_DEPLOYMENT = "configuration_deployment"
    DATABASES = "databases"
    GENERAL = "general"
    ENVIRONMENTAL = "environmental"
    LINUX = "linux"
    NETWORKING = "networking"
    MIDDLEWARE = "middleware"
    NOTIFICATIONS = "notifications"
    OPERATING_SYSTEM = "operating_system"
    PERIPHERALS = "peripherals"
    POWER = "power"
    SERVER_HARDWARE = "server_hardware"
    STORAGE = "storage"
    SYNTHETIC_MONITORING = "synthetic_monitoring"
    VIRTUALIZATION = "virtualization"
    WINDOWS = "windows"


@dataclass(frozen=True)
class HostCondition:
    pass


@dataclass(frozen=True)
class HostAndItemCondition:
    item_title: Title
    item_form: FormSpec = String(custom_validate=(LengthInRange(min_value=1),))


def _validate_name(name: str) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"'{name}' is not a valid, non-reserved Python identifier")


@dataclass(frozen=True)
class SpecialAgent:
    title: Title
    topic: Topic
    parameter_form: Callable[[], Dictionary]
    name: str
    is_deprecated: bool = False
    help_text: Help | None = None

    def __post_init__(self) -> None:
        _validate_name(self.name)


@dataclass(frozen=True)
class CheckParameters:
    title: Title
    topic: Topic
    parameter_form: Callable[[], Dictionary]
    name: str
    condition: HostCondition | HostAndItemCondition
    is_deprecated: bool = False
    help_text: Help | None = None
    create_enforced_service: bool = True

    def __post_init__(self) -> None:
        _validate_name(self.name)

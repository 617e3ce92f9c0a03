"""Stand-in for cmk.graphing.v1.metrics (the subset kubemon uses)."""

import enum
from dataclasses import dataclass

from . import Title

__all__ = [
    "AutoPrecision",
    "Color",
    "DecimalNotation",
    "IECNotation",
    "Metric",
    "SINotation",
    "StrictPrecision",
    "TimeNotation",
    "Unit",
]


@dataclass(frozen=True)
class AutoPrecision:
    digits: int


@dataclass(frozen=True)
class StrictPrecision:
    digits: int


@dataclass(frozen=True)
class DecimalNotation:
    symbol: str


@dataclass(frozen=True)
class SINotation:
    symbol: str


@dataclass(frozen=True)
class IECNotation:
    symbol: str


@dataclass(frozen=True)
class TimeNotation:
    pass


@dataclass(frozen=True)
class Unit:
    notation: DecimalNotation | SINotation | IECNotation | TimeNotation
    precision: AutoPrecision | StrictPrecision = AutoPrecision(2)


class Color(enum.Enum):
    BLUE = "blue"
    DARK_BLUE = "dark_blue"
    GREEN = "green"
    DARK_GREEN = "dark_green"
    ORANGE = "orange"
    DARK_ORANGE = "dark_orange"
    RED = "red"
    DARK_RED = "dark_red"
    PURPLE = "purple"
    YELLOW = "yellow"
    GRAY = "gray"
    CYAN = "cyan"
    BROWN = "brown"
    PINK = "pink"


def _check_name(name: str) -> None:
    if not name or not all(c.isascii() and (c.isalnum() or c == "_") for c in name):
        raise ValueError(f"metric name must be letters, digits or underscores, got {name!r}")


@dataclass(frozen=True, kw_only=True)
class Metric:
    name: str
    title: Title
    unit: Unit
    color: Color

    def __post_init__(self) -> None:
        _check_name(self.name)



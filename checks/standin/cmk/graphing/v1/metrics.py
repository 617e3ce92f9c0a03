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

    def __post_init__(self) -> None:
        if self.digits < 0:
            raise ValueError(self.digits)


@dataclass(frozen=True)
class StrictPrecision:
    digits: int

    def __post_init__(self) -> None:
        if self.digits < 0:
            raise ValueError(self.digits)


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
    @property
    def symbol(self) -> str:
        return "s"


@dataclass(frozen=True)
class Unit:
    notation: DecimalNotation | SINotation | IECNotation | TimeNotation
    precision: AutoPrecision | StrictPrecision = AutoPrecision(2)


class Color(enum.Enum):
    LIGHT_RED = enum.auto()
    RED = enum.auto()
    DARK_RED = enum.auto()
    LIGHT_ORANGE = enum.auto()
    ORANGE = enum.auto()
    DARK_ORANGE = enum.auto()
    LIGHT_YELLOW = enum.auto()
    YELLOW = enum.auto()
    DARK_YELLOW = enum.auto()
    LIGHT_GREEN = enum.auto()
    GREEN = enum.auto()
    DARK_GREEN = enum.auto()
    LIGHT_BLUE = enum.auto()
    BLUE = enum.auto()
    DARK_BLUE = enum.auto()
    LIGHT_CYAN = enum.auto()
    CYAN = enum.auto()
    DARK_CYAN = enum.auto()
    LIGHT_PURPLE = enum.auto()
    PURPLE = enum.auto()
    DARK_PURPLE = enum.auto()
    LIGHT_PINK = enum.auto()
    PINK = enum.auto()
    DARK_PINK = enum.auto()
    LIGHT_BROWN = enum.auto()
    BROWN = enum.auto()
    DARK_BROWN = enum.auto()
    LIGHT_GRAY = enum.auto()
    GRAY = enum.auto()
    DARK_GRAY = enum.auto()
    BLACK = enum.auto()
    WHITE = enum.auto()


@dataclass(frozen=True, kw_only=True)
class Metric:
    """As for real, only a non-empty name is required (the backend's own rules are stricter)."""

    name: str
    title: Title
    unit: Unit
    color: Color

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError(self.name)

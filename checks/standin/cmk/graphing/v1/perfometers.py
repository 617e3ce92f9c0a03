"""Stand-in for cmk.graphing.v1.perfometers (the subset kubemon uses)."""

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Closed", "FocusRange", "Perfometer"]


@dataclass(frozen=True)
class Closed:
    value: float | str


@dataclass(frozen=True)
class FocusRange:
    lower: Closed
    upper: Closed


@dataclass(frozen=True, kw_only=True)
class Perfometer:
    name: str
    focus_range: FocusRange
    segments: Sequence[str]

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError(self.name)
        assert self.segments

"""Stand-in for cmk.graphing.v1.graphs (the subset kubemon uses)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import Title

__all__ = ["Graph", "MinimalRange"]


@dataclass(frozen=True)
class MinimalRange:
    lower: float
    upper: float


@dataclass(frozen=True, kw_only=True)
class Graph:
    name: str
    title: Title
    minimal_range: MinimalRange | None = None
    compound_lines: Sequence[str] = field(default_factory=tuple)
    simple_lines: Sequence[str] = field(default_factory=tuple)
    optional: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.compound_lines and not self.simple_lines:
            raise ValueError(f"graph {self.name}: needs at least one line")

"""Stand-in for cmk.graphing.v1.graphs (the subset kubemon uses)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import Title

__all__ = ["Graph", "MinimalRange"]


@dataclass(frozen=True)
class MinimalRange:
    """Bounds are numbers or metric names (real accepts metric operations too)."""

    lower: float | str
    upper: float | str


@dataclass(frozen=True, kw_only=True)
class Graph:
    name: str
    title: Title
    minimal_range: MinimalRange | None = None
    compound_lines: Sequence[str] = field(default_factory=list)
    simple_lines: Sequence[str] = field(default_factory=list)
    optional: Sequence[str] = field(default_factory=list)
    conflicting: Sequence[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError(self.name)
        assert self.compound_lines or self.simple_lines

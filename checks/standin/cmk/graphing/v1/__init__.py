"""Stand-in for cmk.graphing.v1 (tests only, never shipped)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Title", "graphs", "metrics", "perfometers"]


@dataclass(frozen=True)
class Title:
    """A localizable title; compares by value, localizes only with a localizer (as for real)."""

    _arg: Any

    def __repr__(self) -> str:
        return f"Title({self._arg!r})"

    def localize(self, localizer: Callable[[str], str], /) -> str:
        return localizer(self._arg)


from . import graphs, metrics, perfometers  # noqa: E402

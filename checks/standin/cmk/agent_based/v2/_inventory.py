"""Stand-in for the HW/SW inventory part of cmk.agent_based.v2 (tests and the runner only).

As documented for Checkmk 2.3+: keyword-only Attributes and TableRow with a non-empty path of
strings and values of int, float, str, bool or None; a TableRow needs key columns, and a key
must not also be an inventory or status column; InventoryPlugin checks the inventory
function's argument names like CheckPlugin does (`section` or `section_<name>`).
"""

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

InventoryResult = Iterable[Any]

_VALUE_TYPES = (int, float, str, bool, type(None))


def _check_path(path: Sequence[str]) -> None:
    if not isinstance(path, list) or not path or not all(isinstance(p, str) and p for p in path):
        raise TypeError(f"path must be a non-empty list of non-empty strings, got {path!r}")


def _check_values(kind: str, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if not isinstance(key, str) or not isinstance(value, _VALUE_TYPES):
            raise TypeError(f"{kind}: {key!r} must be a string with an int/float/str/bool/None")


@dataclass(frozen=True, kw_only=True)
class Attributes:
    path: list[str]
    inventory_attributes: Mapping[str, Any] = field(default_factory=dict)
    status_attributes: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_path(self.path)
        _check_values("inventory_attributes", self.inventory_attributes)
        _check_values("status_attributes", self.status_attributes)
        common = set(self.inventory_attributes) & set(self.status_attributes)
        if common:
            raise ValueError(f"keys both inventory and status attributes: {sorted(common)}")


@dataclass(frozen=True, kw_only=True)
class TableRow:
    path: list[str]
    key_columns: Mapping[str, Any]
    inventory_columns: Mapping[str, Any] = field(default_factory=dict)
    status_columns: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_path(self.path)
        if not self.key_columns:
            raise ValueError("a TableRow needs at least one key column")
        for kind in ("key_columns", "inventory_columns", "status_columns"):
            _check_values(kind, getattr(self, kind))
        keys = set(self.key_columns)
        if keys & (set(self.inventory_columns) | set(self.status_columns)):
            raise ValueError(f"key columns repeated as other columns: {sorted(keys)}")


@dataclass(frozen=True, kw_only=True)
class InventoryPlugin:
    name: str
    inventory_function: Callable[..., InventoryResult]
    sections: Sequence[str] | None = None
    inventory_default_parameters: Mapping[str, Any] | None = None
    inventory_ruleset_name: str | None = None

    def __post_init__(self) -> None:
        if not self.name or not all(c.isalnum() and c.isascii() or c == "_" for c in self.name):
            raise ValueError(f"inventory plug-in name must be letters, digits or _: {self.name!r}")
        names = list(self.sections or [self.name])
        expected = ["section"] if len(names) == 1 else [f"section_{n}" for n in names]
        if self.inventory_default_parameters is not None:
            expected = ["params", *expected]
        got = list(inspect.signature(self.inventory_function).parameters)
        if got != expected:
            raise TypeError(f"{self.name}: inventory function must take {expected}, takes {got}")

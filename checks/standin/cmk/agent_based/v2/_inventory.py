"""Stand-in for the HW/SW inventory part of cmk.agent_based.v2 (tests and the runner only).

Behaves like the real classes (Checkmk's `v1/_inventory_classes.py` and `v2/_plugins.py`):
`Attributes` and `TableRow` are keyword-only NamedTuples that validate at construction: `path`
is a non-empty list of str made of letters, digits, `_` and `-` (ValueError for other
characters, TypeError otherwise); every attribute/column mapping is a `dict` (None means `{}`)
of str keys with int, float, str, bool or None values (TypeError); `key_columns` is a non-empty
dict (TypeError); a key in two of the mappings is a ValueError. `InventoryPlugin`, like the real
one, does not validate at construction: the site's backend checks name, sections and function
arguments when it loads the plug-in (`kubemon_env.plugin_objects` here).
"""

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

InventoryResult = Iterable[Any]

_SDValue = int | float | str | bool | None
_VALUE_TYPES = (int, float, str, bool, type(None))
_PATH_CHARACTERS = set(string.ascii_letters + string.digits + "_-")


def _valid_path(path: object) -> list[str]:
    if not (path and isinstance(path, list) and all(isinstance(p, str) for p in path)):
        raise TypeError(f"'path' arg expected a non empty list[str], got {path!r}")
    invalid = set("".join(path)) - _PATH_CHARACTERS
    if invalid:
        raise ValueError(f"invalid characters in path: {''.join(sorted(invalid))}")
    return path


def _valid_dict(kind: str, values: object) -> dict[str, _SDValue]:
    if values is None:
        return {}
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and isinstance(v, _VALUE_TYPES) for k, v in values.items()
    ):
        raise TypeError(
            f"{kind} must be a dict with keys of type `str` and values of type "
            f"int, float, str, bool, NoneType. Got {values!r}"
        )
    return values


class _AttributesFields(NamedTuple):
    path: list[str]
    inventory_attributes: Mapping[str, _SDValue]
    status_attributes: Mapping[str, _SDValue]


class Attributes(_AttributesFields):
    """Key-value pairs at one node of the inventory tree (static and status ones)."""

    __slots__ = ()

    def __new__(
        cls,
        *,
        path: list[str],
        inventory_attributes: Mapping[str, _SDValue] | None = None,
        status_attributes: Mapping[str, _SDValue] | None = None,
    ) -> "Attributes":
        inventory = _valid_dict("inventory_attributes", inventory_attributes)
        status = _valid_dict("status_attributes", status_attributes)
        common = set(inventory) & set(status)
        if common:
            raise ValueError(
                f"keys must be either of type 'status' or 'inventory': {', '.join(sorted(common))}"
            )
        return super().__new__(cls, _valid_path(path), inventory, status)


class _TableRowFields(NamedTuple):
    path: list[str]
    key_columns: Mapping[str, _SDValue]
    inventory_columns: Mapping[str, _SDValue]
    status_columns: Mapping[str, _SDValue]


class TableRow(_TableRowFields):
    """One row of a table at one node of the inventory tree, identified by its key columns."""

    __slots__ = ()

    def __new__(
        cls,
        *,
        path: list[str],
        key_columns: Mapping[str, _SDValue],
        inventory_columns: Mapping[str, _SDValue] | None = None,
        status_columns: Mapping[str, _SDValue] | None = None,
    ) -> "TableRow":
        if not (isinstance(key_columns, dict) and key_columns):
            raise TypeError(
                f"TableRows 'key_columns' expected non empty Dict[str, Any], got {key_columns!r}"
            )
        keys = _valid_dict("key_columns", key_columns)
        inventory = _valid_dict("inventory_columns", inventory_columns)
        status = _valid_dict("status_columns", status_columns)
        for key in set(inventory) | set(status):
            if (key in keys) + (key in inventory) + (key in status) > 1:
                raise ValueError(f"conflicting key: {key!r}")
        return super().__new__(cls, _valid_path(path), keys, inventory, status)


@dataclass(frozen=True, kw_only=True)
class InventoryPlugin:
    name: str
    sections: list[str] | None = None
    inventory_function: Callable[..., InventoryResult]
    inventory_default_parameters: Mapping[str, object] | None = None
    inventory_ruleset_name: str | None = None

"""Stand-in for cmk.rulesets.v1 (tests only, never shipped): localizable strings.

As for real: frozen dataclasses that compare by value, support `%` and `+`, and localize only
with a localizer (`title.localize(lambda s: s)` where no translation is wanted).
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Help", "Label", "Message", "Title", "form_specs", "rule_specs"]


class _Operation(enum.Enum):
    MOD = enum.auto()
    ADD = enum.auto()


@dataclass(frozen=True)
class _Localizable:
    _arg: Any
    _modifier: tuple[_Operation, tuple[Any, ...]] | None = field(kw_only=True, default=None)

    def __repr__(self) -> str:
        name = type(self).__name__
        if self._modifier is None:
            return f"{name}({self._arg!r})"
        return f"{name}({self._arg!r}, {self._modifier!r})"

    def localize(self, localizer: Callable[[str], str], /) -> str:
        def one(part: Any) -> str:
            return part.localize(localizer) if isinstance(part, _Localizable) else part

        text = localizer(self._arg) if isinstance(self._arg, str) else one(self._arg)
        if self._modifier is None:
            return text
        operation, operands = self._modifier
        localized = tuple(one(o) for o in operands)
        if operation is _Operation.ADD:
            return "".join((text, *localized))
        return text % localized

    def __add__(self, other: "_Localizable") -> "_Localizable":
        return type(self)(self, _modifier=(_Operation.ADD, (other,)))

    def __mod__(self, other: object) -> "_Localizable":
        operands = other if isinstance(other, tuple) else (other,)
        return type(self)(self, _modifier=(_Operation.MOD, operands))

    def __rmod__(self, other: object) -> "_Localizable":
        return type(self)(other, _modifier=(_Operation.MOD, (self,)))


class Title(_Localizable):
    pass


class Help(_Localizable):
    pass


class Label(_Localizable):
    pass


class Message(_Localizable):
    pass


from . import form_specs, rule_specs  # noqa: E402  (they import the classes above)

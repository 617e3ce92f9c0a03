"""Stand-in for cmk.rulesets.v1 (tests only, never shipped): localizable strings."""

__all__ = ["Help", "Label", "Message", "Title", "form_specs", "rule_specs"]


class _Localizable:
    __slots__ = ("_text", "_args")

    def __init__(self, text: str, /) -> None:
        if not isinstance(text, str):
            raise TypeError(f"{type(self).__name__} takes a string, got {text!r}")
        self._text, self._args = text, ()

    def __mod__(self, args: object) -> "_Localizable":
        new = type(self)(self._text)
        new._args = args if isinstance(args, tuple) else (args,)
        return new

    def localize(self, translate=lambda s: s) -> str:
        return translate(self._text) % self._args if self._args else translate(self._text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._text!r})"


class Title(_Localizable):
    pass


class Help(_Localizable):
    pass


class Label(_Localizable):
    pass


class Message(_Localizable):
    pass


from . import form_specs, rule_specs  # noqa: E402  (they import the classes above)

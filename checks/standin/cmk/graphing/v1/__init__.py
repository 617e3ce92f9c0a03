"""Stand-in for cmk.graphing.v1 (tests only, never shipped)."""

__all__ = ["Title", "graphs", "metrics", "perfometers"]


class Title:
    __slots__ = ("_text",)

    def __init__(self, text: str, /) -> None:
        if not isinstance(text, str) or not text:
            raise TypeError(f"Title takes a non-empty string, got {text!r}")
        self._text = text

    def localize(self, translate=lambda s: s) -> str:
        return translate(self._text)

    def __repr__(self) -> str:
        return f"Title({self._text!r})"


from . import graphs, metrics, perfometers  # noqa: E402

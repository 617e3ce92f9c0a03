"""Stand-in for cmk.rulesets.v1.form_specs.validators (the subset kubemon uses).

As for real: a range validator without any bound is an error at construction, the default
messages name the allowed range, and `UrlProtocol` is a str enum of every urllib scheme.
"""

import enum
import re
from collections.abc import Sequence, Sized
from urllib.parse import urlparse

from .. import Message

__all__ = ["LengthInRange", "MatchRegex", "NumberInRange", "Url", "UrlProtocol", "ValidationError"]


class ValidationError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self._message = message

    @property
    def message(self) -> Message:
        return self._message


def _range_message(kind: str, low: float | None, high: float | None) -> Message:
    if low is None and high is None:
        raise ValidationError(
            Message(
                "Either the minimum or maximum allowed value must be configured, "
                "otherwise this validator is meaningless."
            )
        )
    if low is None:
        return Message(f"The maximum allowed {kind} is %s.") % str(high)
    if high is None:
        return Message(f"The minimum allowed {kind} is %s.") % str(low)
    return Message(f"Allowed {kind}s range from %s to %s.") % (str(low), str(high))


class LengthInRange:
    def __init__(
        self,
        min_value: int | None = None,
        max_value: int | None = None,
        error_msg: Message | None = None,
    ) -> None:
        self.range = (min_value, max_value)
        self.error_msg = error_msg or _range_message("length", min_value, max_value)

    def __call__(self, value: Sized) -> None:
        low, high = self.range
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            raise ValidationError(self.error_msg)


class NumberInRange:
    def __init__(
        self,
        min_value: float | None = None,
        max_value: float | None = None,
        error_msg: Message | None = None,
    ) -> None:
        self.range = (min_value, max_value)
        self.error_msg = error_msg or _range_message("value", min_value, max_value)

    def __call__(self, value: float) -> None:
        low, high = self.range
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValidationError(self.error_msg)


class MatchRegex:
    def __init__(self, regex: str | re.Pattern[str], error_msg: Message | None = None) -> None:
        self.regex = re.compile(regex) if isinstance(regex, str) else regex
        self.error_msg = error_msg or (
            Message("Your input does not match the required format '%s'.") % self.regex.pattern
        )

    def __call__(self, value: str) -> None:
        if not self.regex.match(value):
            raise ValidationError(self.error_msg)


class UrlProtocol(str, enum.Enum):
    FILE = "file"
    FTP = "ftp"
    GOPHER = "gopher"
    HDL = "hdl"
    HTTP = "http"
    HTTPS = "https"
    IMAP = "imap"
    MAILTO = "mailto"
    MMS = "mms"
    NEWS = "news"
    NNTP = "nntp"
    PROSPERO = "prospero"
    RSYNC = "rsync"
    RTSP = "rtsp"
    RTSPS = "rtsps"
    RTSPU = "rtspu"
    SFTP = "sftp"
    SHTTP = "shttp"
    SIP = "sip"
    SIPS = "sips"
    SNEWS = "snews"
    SNV = "svn"
    SVNSSH = "svn+ssh"
    TELNET = "telnet"
    WAIS = "wais"
    WS = "ws"
    WSS = "wss"

    def __str__(self) -> str:
        return str(self.value)


class Url:
    def __init__(self, protocols: Sequence[UrlProtocol], error_msg: Message | None = None) -> None:
        self.protocols = protocols
        self.error_msg = error_msg or (
            Message("Your input is not a valid URL conforming to any allowed protocols ('%s').")
            % ", ".join(str(p) for p in protocols)
        )

    def __call__(self, value: str) -> None:
        try:
            parts = urlparse(value)
        except ValueError as exc:
            raise ValidationError(Message("%s") % str(exc)) from exc
        if not parts.scheme or not parts.netloc or parts.scheme not in self.protocols:
            raise ValidationError(self.error_msg)

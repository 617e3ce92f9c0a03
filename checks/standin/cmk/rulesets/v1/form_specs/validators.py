"""Stand-in for cmk.rulesets.v1.form_specs.validators (the subset kubemon uses)."""

import enum
import re

from collections.abc import Sequence
from urllib.parse import urlparse

from .. import Message

__all__ = ["LengthInRange", "MatchRegex", "NumberInRange", "Url", "UrlProtocol", "ValidationError"]

class ValidationError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.localize())
        self.message = message

class UrlProtocol(enum.Enum):
    HTTP = "http"
    HTTPS = "https"

class Url:
    def __init__(self, protocols: Sequence[UrlProtocol], error_msg: Message | None = None) -> None:
        self.protocols = list(protocols)
        self.error_msg = error_msg

    def __call__(self, value: str) -> None:
        parsed = urlparse(value)
        if parsed.scheme not in {p.value for p in self.protocols} or not parsed.netloc:
            raise ValidationError(self.error_msg or Message("%s is not a valid URL") % value)

class LengthInRange:
    def __init__(
        self,
        min_value: int | None = None,
        max_value: int | None = None,
        error_msg: Message | None = None,
    ) -> None:
        self.min_value, self.max_value, self.error_msg = min_value, max_value, error_msg

    def __call__(self, value: object) -> None:
        length = len(value)  # type: ignore[arg-type]
        if (self.min_value is not None and length < self.min_value) or (
            self.max_value is not None and length > self.max_value
        ):
            raise ValidationError(self.error_msg or Message("length %d out of range") % length)

class MatchRegex:
    def __init__(self, regex: str | re.Pattern[str], error_msg: Message | None = None) -> None:
        self.regex = re.compile(regex) if isinstance(regex, str) else regex
        self.error_msg = error_msg

    def __call__(self, value: str) -> None:
        if not self.regex.match(value):
            raise ValidationError(self.error_msg or Message("%s does not match") % value)

class NumberInRange:
    def __init__(
        self,
        min_value: float | None = None,
        max_value: float | None = None,
        error_msg: Message | None = None,
    ) -> None:
        self.min_value, self.max_value, self.error_msg = min_value, max_value, error_msg

    def __call__(self, value: float) -> None:
        if (self.min_value is not None and value < self.min_value) or (
            self.max_value is not None and value > self.max_value
        ):
            raise ValidationError(self.error_msg or Message("%s out of range") % value)


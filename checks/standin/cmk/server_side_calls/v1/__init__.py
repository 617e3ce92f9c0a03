"""Stand-in for cmk.server_side_calls.v1 (tests only, never shipped).

The core renders a `Secret` passed as is as one argument `<password_id>:<store file>`
(research doc §5); `Secret.unsafe()` would put the plaintext on the command line.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "EnvProxy",
    "HostConfig",
    "NoProxy",
    "Secret",
    "SpecialAgentCommand",
    "SpecialAgentConfig",
    "URLProxy",
]


@dataclass(frozen=True)
class Secret:
    id: int
    format: str = "%s"
    pass_safely: bool = True

    def unsafe(self, template: str = "%s") -> "Secret":
        return Secret(self.id, template, pass_safely=False)


@dataclass(frozen=True, kw_only=True)
class URLProxy:
    url: str


@dataclass(frozen=True)
class EnvProxy:
    pass


@dataclass(frozen=True)
class NoProxy:
    pass


@dataclass(frozen=True, kw_only=True)
class HostConfig:
    name: str
    alias: str | None = None
    macros: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class SpecialAgentCommand:
    command_arguments: Sequence[str | Secret]
    stdin: str | None = None

    def __post_init__(self) -> None:
        for argument in self.command_arguments:
            if not isinstance(argument, (str, Secret)):
                raise TypeError(f"command arguments are str or Secret, got {argument!r}")


@dataclass(frozen=True, kw_only=True)
class SpecialAgentConfig:
    name: str
    parameter_parser: Callable[[Mapping[str, object]], Any]
    commands_function: Callable[[Any, HostConfig], Iterable[SpecialAgentCommand]]

    def __call__(
        self,
        params: Mapping[str, object],
        host_config: HostConfig,
    ) -> Iterable[SpecialAgentCommand]:
        return self.commands_function(self.parameter_parser(params), host_config)

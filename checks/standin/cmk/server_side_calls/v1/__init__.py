"""Stand-in for cmk.server_side_calls.v1 (tests only, never shipped).

The core renders a `Secret` passed as is as one argument `<password_id>:<store file>`
(research doc §5); `Secret.unsafe()` would put the plaintext on the command line. As for real,
`Secret` and the proxies are NamedTuples, and a `SpecialAgentConfig` is called with
`parameters=` and keeps its functions to itself.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = [
    "EnvProxy",
    "HostConfig",
    "NoProxy",
    "Secret",
    "SpecialAgentCommand",
    "SpecialAgentConfig",
    "URLProxy",
]


class Secret(NamedTuple):
    id: int
    format: str = "%s"
    pass_safely: bool = True

    def unsafe(self, template: str = "%s") -> "Secret":
        try:
            template % "test"
        except TypeError as exc:
            raise ValueError(f"Invalid formatting template: {template}") from exc
        return Secret(self.id, template, pass_safely=False)


class URLProxy(NamedTuple):
    type: str = "url_proxy"
    url: str = ""


class EnvProxy(NamedTuple):
    type: str = "env_proxy"


class NoProxy(NamedTuple):
    type: str = "no_proxy"


class HostConfig:
    """The host the special agent runs for (the subset kubemon reads: name, alias, macros)."""

    def __init__(
        self,
        *,
        name: str,
        alias: str = "",
        macros: Mapping[str, str] | None = None,
    ) -> None:
        if not name:
            raise ValueError("Host name has to be a non-empty string")
        self.name = name
        self.alias = alias or name
        self.macros = macros or {}

    @property
    def primary_ip_config(self) -> Any:
        raise ValueError("Host has no IP stack configured")

    def __repr__(self) -> str:
        return f"HostConfig(name={self.name!r}, alias={self.alias!r}, macros={self.macros!r})"


@dataclass(frozen=True, kw_only=True)
class SpecialAgentCommand:
    command_arguments: Sequence[str | Secret]
    stdin: str | None = None


class SpecialAgentConfig:
    def __init__(
        self,
        *,
        name: str,
        parameter_parser: Callable[[Mapping[str, object]], Any],
        commands_function: Callable[[Any, HostConfig], Iterable[SpecialAgentCommand]],
    ) -> None:
        self.name = name
        self._parameter_parser = parameter_parser
        self._commands_function = commands_function

    def __call__(
        self,
        parameters: Mapping[str, object],
        host_config: HostConfig,
    ) -> Iterable[SpecialAgentCommand]:
        return self._commands_function(self._parameter_parser(parameters), host_config)

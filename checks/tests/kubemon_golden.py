"""The agent's golden outputs (agent/src/test/resources/golden/<recording>/agent-output.txt),
split into hosts and parsed sections by the runner's own site logic (kubemon_site), and one
plug-in run over a host's sections with a fixed clock and value store, as a site would run it.
"""

import copy
import functools
import time
from pathlib import Path
from typing import Any

import kubemon_env
import pytest
from kubemon_scenarios import REPO
from kubemon_site import _section_kwargs, parse_host, split_hosts

from cmk.agent_based import v2

GOLDEN = REPO / "agent" / "src" / "test" / "resources" / "golden"
REGENERATE = "mvn -pl agent test -Dtest=GoldenOutputTest -Dkubemon.golden.update=true"
RECORDINGS = (
    "k3s-v1.33.4-troubleshoot",
    "kurl-monitoring-troubleshoot",
    "minikube-v1.35.0-nri-kubernetes",
)


def golden_file(recording: str) -> Path:
    path = GOLDEN / recording / "agent-output.txt"
    if not path.is_file():
        pytest.skip(f"no golden agent output {path.relative_to(REPO)}; make it with {REGENERATE}")
    return path


@functools.cache
def _hosts(recording: str, cluster_host: str) -> dict[str, dict[str, Any]]:
    text = golden_file(recording).read_text(encoding="utf-8")
    sections = {
        s.name: s for s in kubemon_env.plugin_objects("agent_based", "agent_section_").values()
    }
    hosts = {}
    for host, raw in split_hosts(text.splitlines(), cluster_host).items():
        parsed, errors = parse_host(raw, sections)
        assert not errors, f"{recording}, host {host}: {errors}"
        hosts[host] = parsed
    return hosts


def golden_hosts(recording: str, cluster_host: str) -> dict[str, dict[str, Any]]:
    """host (the cluster host by its Checkmk name) → parsed section name → parsed value."""
    return copy.deepcopy(_hosts(recording, cluster_host))


@functools.cache
def _plugins() -> dict[str, v2.CheckPlugin]:
    return {p.name: p for p in kubemon_env.plugin_objects("agent_based", "check_plugin_").values()}


def plugin(name: str) -> v2.CheckPlugin:
    return _plugins()[name]


def discovered(host: dict[str, Any]) -> set[str]:
    """Service names every plug-in discovers on the host."""
    names = set()
    for each in _plugins().values():
        kwargs = _section_kwargs(each, host)
        if kwargs is not None:
            for service in each.discovery_function(**kwargs):
                names.add(each.service_name.replace("%s", service.item or ""))
    return names


def check(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    host: dict[str, Any],
    now: float,
    item: str | None = None,
    params: dict[str, Any] | None = None,
    store: dict[str, Any] | None = None,
) -> list[object]:
    """The full outcome of one service: params over the plug-in's defaults, time frozen at now."""
    each = plugin(name)
    kwargs = _section_kwargs(each, host)
    assert kwargs is not None, f"{name} has no section on this host"
    if item is not None:
        kwargs["item"] = item
    if each.check_default_parameters is not None:
        kwargs["params"] = {**each.check_default_parameters, **(params or {})}
    monkeypatch.setattr(time, "time", lambda: now)
    v2._set_value_store({} if store is None else copy.deepcopy(store))
    try:
        return list(each.check_function(**kwargs))
    finally:
        v2._set_value_store(None)  # as on a site: no value store outside a check

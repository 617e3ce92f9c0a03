"""docs/sections.md: "optional fields may be null or absent". Every field of every section of
one host per object kind of the golden outputs, set to null one at a time, must cost at most
that field's text, never a crashed service."""

import copy
from collections.abc import Iterator
from typing import Any

import kubemon_env
import pytest
from kubemon_golden import RECORDINGS, golden_hosts
from kubemon_site import check_host

# A container's name is the service item: without it there is no service to speak of.
IDENTITY = {("kubemon_pod_containers", "name")}


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*path, index))


def _nulled(sections: dict[str, Any], name: str, path: tuple[Any, ...]) -> dict[str, Any]:
    copied = copy.deepcopy(sections)
    target = copied[name]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = None
    return copied


@pytest.mark.parametrize("recording", RECORDINGS)
def test_a_null_field_never_crashes_a_check(recording: str) -> None:
    plugins = list(kubemon_env.plugin_objects("agent_based", "check_plugin_").values())
    hosts = golden_hosts(recording, "cluster")
    one_per_kind = {host.split("_")[0]: host for host in sorted(hosts)}
    crashes = set()
    for host in one_per_kind.values():
        for name, value in hosts[host].items():
            for path in _paths(value):
                if (name, path[-1]) in IDENTITY:
                    continue
                for result in check_host(host, _nulled(hosts[host], name, path), {}, plugins, {}):
                    if "crashed" in result.summary:
                        crashes.add((host, name, str(path), result.summary))
    assert sorted(crashes) == []

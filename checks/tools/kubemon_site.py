"""A Checkmk site in miniature: agent output → hosts → sections → services, with the stand-in.

Per host: parse every section, make host labels, discover and check every plug-in as the
site does (section / section_<name> arguments, params merged over the defaults, one value
store per service). A crashing plug-in becomes an UNKNOWN service with the exception text.
"""

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import kubemon_env

kubemon_env.install()

from cmk.agent_based import v2  # noqa: E402

_PIGGYBACK = re.compile(r"^<<<<(.*)>>>>$")

# CPU seconds spent inside the plug-ins' own functions (parse, host labels, discovery, check,
# with the Checkmk API calls they make), apart from this runner's bookkeeping around them.
_PLUGIN_CPU = [0.0]


def plugin_cpu_seconds() -> float:
    return _PLUGIN_CPU[0]


def _timed(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`function(...)`, a generator drained to a list, its CPU time counted as the plug-ins'."""
    start = time.process_time()
    try:
        result = function(*args, **kwargs)
        return list(result) if isinstance(result, Iterator) else result
    finally:
        _PLUGIN_CPU[0] += time.process_time() - start
_SECTION = re.compile(r"^<<<([A-Za-z0-9_]+)((?::[a-z]+\([^)]*\))*)>>>$")


@dataclass
class ServiceResult:
    host: str
    service: str
    state: str
    summary: str
    details: str
    metrics: list[dict[str, Any]] = field(default_factory=list)


def split_hosts(lines: Iterable[str], cluster_host: str) -> dict[str, dict[str, list[list[str]]]]:
    """host → raw section name → string table."""
    hosts: dict[str, dict[str, list[list[str]]]] = {}
    host, section, separator = cluster_host, None, None
    for line in lines:
        line = line.rstrip("\r\n")
        if match := _PIGGYBACK.match(line):
            host, section = (match.group(1) or cluster_host), None
            continue
        if match := _SECTION.match(line):
            section = match.group(1)
            sep = re.search(r":sep\((\d+)\)", match.group(2))
            separator = chr(int(sep.group(1))) if sep else None
            hosts.setdefault(host, {}).setdefault(section, [])
            continue
        if section is not None and line.strip():
            hosts[host][section].append(line.split(separator) if separator else line.split())
    return hosts


def _crash(exc: BaseException) -> str:
    return f"check plug-in crashed: {type(exc).__name__}: {exc}".replace("\n", " ")


def parse_host(
    raw: Mapping[str, list[list[str]]],
    sections: Mapping[str, v2.AgentSection],
) -> tuple[dict[str, Any], dict[str, str]]:
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, table in raw.items():
        section = sections.get(name)
        if section is None:
            continue
        parsed_name = section.parsed_section_name or section.name
        try:
            value = _timed(section.parse_function, table)
        except Exception as exc:  # noqa: BLE001 - one bad section must not stop the others
            errors[parsed_name] = _crash(exc)
            continue
        if value is not None:
            parsed[parsed_name] = value
    return parsed, errors


def host_labels(
    raw: Mapping[str, list[list[str]]],
    sections: Mapping[str, v2.AgentSection],
    parsed: Mapping[str, Any],
) -> dict[str, str]:
    labels: dict[str, str] = {}
    for name in raw:
        section = sections.get(name)
        value = parsed.get((section.parsed_section_name or section.name) if section else "")
        if section is not None and section.host_label_function is not None and value is not None:
            found = _timed(section.host_label_function, value)
            labels.update((label.name, label.value) for label in found)
    return labels


def _section_kwargs(plugin: v2.CheckPlugin, parsed: Mapping[str, Any]) -> dict[str, Any] | None:
    names = list(plugin.sections or [plugin.name])
    if not any(name in parsed for name in names):
        return None
    if len(names) == 1:
        return {"section": parsed[names[0]]}
    return {f"section_{name}": parsed.get(name) for name in names}


def _summarize(host: str, service: str, results: list[Any]) -> ServiceResult:
    checked = [r for r in results if isinstance(r, v2.Result)]
    metrics = [
        {"name": m.name, "value": m.value, "levels": m.levels, "boundaries": m.boundaries}
        for m in results
        if isinstance(m, v2.Metric)
    ]
    if not checked:
        return ServiceResult(
            host,
            service,
            "UNKNOWN",
            "Item not found in monitoring data",
            "",
            metrics,
        )
    state = v2.State.worst(*(r.state for r in checked))
    summary = ", ".join(r.summary for r in checked if r.summary)
    details = "\n".join(r.details for r in checked)
    return ServiceResult(host, service, state.name, summary, details, metrics)


def _run_service(
    host: str,
    plugin: v2.CheckPlugin,
    service: v2.Service,
    kwargs: dict[str, Any],
    store: dict[str, Any],
) -> ServiceResult:
    name = plugin.service_name
    if "%s" in name:
        name = name % service.item
    call = dict(kwargs)
    if service.item is not None:
        call["item"] = service.item
    if plugin.check_default_parameters is not None:
        call["params"] = {**plugin.check_default_parameters, **(service.parameters or {})}
    key = f"{host}\t{plugin.name}\t{service.item or ''}"
    v2._set_value_store(store.setdefault(key, {}))
    try:
        return _summarize(host, name, _timed(plugin.check_function, **call))
    except v2.IgnoreResultsError as exc:
        return ServiceResult(host, name, "UNKNOWN", f"stale: {exc}", str(exc))
    except Exception as exc:  # noqa: BLE001 - Checkmk turns a crash into an UNKNOWN service
        return ServiceResult(host, name, "UNKNOWN", _crash(exc), _crash(exc))
    finally:
        v2._set_value_store(None)  # as on a site: no value store outside a check


def check_host(
    host: str,
    parsed: Mapping[str, Any],
    errors: Mapping[str, str],
    plugins: Iterable[v2.CheckPlugin],
    store: dict[str, Any],
) -> list[ServiceResult]:
    results = []
    for plugin in plugins:
        broken = [errors[s] for s in (plugin.sections or [plugin.name]) if s in errors]
        if broken:
            results.append(
                ServiceResult(
                    host,
                    plugin.service_name.replace("%s", "*"),
                    "UNKNOWN",
                    broken[0],
                    broken[0],
                ),
            )
            continue
        kwargs = _section_kwargs(plugin, parsed)
        if kwargs is None:
            continue
        try:
            services = _timed(plugin.discovery_function, **kwargs)
        except Exception as exc:  # noqa: BLE001
            results.append(
                ServiceResult(
                    host,
                    plugin.service_name.replace("%s", "*"),
                    "UNKNOWN",
                    _crash(exc),
                    _crash(exc),
                ),
            )
            continue
        results.extend(_run_service(host, plugin, service, kwargs, store) for service in services)
    return results


def run(
    text: str,
    cluster_host: str,
    store: dict[str, Any],
) -> tuple[list[ServiceResult], dict[str, dict[str, str]]]:
    sections = {
        s.name: s for s in kubemon_env.plugin_objects("agent_based", "agent_section_").values()
    }
    plugins = sorted(
        kubemon_env.plugin_objects("agent_based", "check_plugin_").values(),
        key=lambda p: p.name,
    )
    results: list[ServiceResult] = []
    labels: dict[str, dict[str, str]] = {}
    for host, raw in split_hosts(text.splitlines(), cluster_host).items():
        parsed, errors = parse_host(raw, sections)
        try:
            labels[host] = host_labels(raw, sections, parsed)
        except Exception as exc:  # noqa: BLE001
            labels[host] = {"kubemon/host-label-crash": _crash(exc)}
        results.extend(check_host(host, parsed, errors, plugins, store))
    results.sort(key=lambda r: (r.host, r.service))
    return results, labels

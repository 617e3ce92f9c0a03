"""A Checkmk site in miniature: agent output → hosts → sections → services, with the stand-in.

Per host: parse every section, make host labels, discover and check every plug-in as the
site does (section / section_<name> arguments, params merged over the defaults, one value
store per service). A crashing plug-in becomes an UNKNOWN service with the exception text.
"""

import gc
import re
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import kubemon_env

kubemon_env.install()

from cmk.agent_based import v2  # noqa: E402

_PIGGYBACK = re.compile(r"^<<<<(.*)>>>>$")

# CPU seconds spent inside the plug-ins' own functions (parse, host labels, discovery, check,
# with the Checkmk API calls they make), apart from this runner's bookkeeping around them.
# The clock is read around each host's batch of calls of one kind (all its parse functions,
# all its discoveries, all its checks), not around every call: reading it costs about a
# microsecond, as much as a small discovery function. The loop that makes the calls is counted
# with them; what the runner does with their results is not.
_PLUGIN_CPU = [0.0]
_clock = time.process_time


def plugin_cpu_seconds() -> float:
    return _PLUGIN_CPU[0]


_GENERATOR = types.GeneratorType
_RESULT = v2.Result
_METRIC = v2.Metric


def _drained(result: Any) -> Any:
    """A plug-in function's result, a generator (or other iterator) drained to a list."""
    if result.__class__ is _GENERATOR or isinstance(result, Iterator):
        return list(result)
    return result


def _timed(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`function(...)`, a generator drained to a list, its CPU time counted as the plug-ins'."""
    start = _clock()
    try:
        return _drained(function(*args, **kwargs))
    finally:
        _PLUGIN_CPU[0] += _clock() - start


_SECTION = re.compile(r"^<<<([A-Za-z0-9_]+)((?::[a-z]+\([^)]*\))*)>>>$")
_SEPARATOR = re.compile(r":sep\((\d+)\)")


@dataclass(slots=True)
class ServiceResult:
    """One service as the site shows it; `metrics` are the check's own Metric objects.

    Slotted, and keeping the Metric objects rather than copies: a run holds every result of
    every host (hundreds of MB at 1000x30), which slows down the plug-ins' own allocations.
    """

    host: str
    service: str
    state: str
    summary: str
    details: str
    metrics: Sequence[v2.Metric] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: metrics as {name, value, levels, boundaries}."""
        return {
            "host": self.host,
            "service": self.service,
            "state": self.state,
            "summary": self.summary,
            "details": self.details,
            "metrics": [
                {"name": m.name, "value": m.value, "levels": m.levels, "boundaries": m.boundaries}
                for m in self.metrics
            ],
        }


def split_hosts(lines: Iterable[str], cluster_host: str) -> dict[str, dict[str, list[list[str]]]]:
    """host → raw section name → string table."""
    hosts: dict[str, dict[str, list[list[str]]]] = {}
    host, section, separator = cluster_host, None, None
    table: list[list[str]] = []
    separators: dict[str, str | None] = {}  # section options → their sep() character
    for line in lines:
        line = line.rstrip("\r\n")
        if line.startswith("<<<"):  # only such lines can be a host or section header
            if line.startswith("<<<<"):  # a section name cannot start with <
                if match := _PIGGYBACK.match(line):
                    host, section = (match.group(1) or cluster_host), None
                    continue
            elif match := _SECTION.match(line):
                section, options = match.groups()
                if options not in separators:
                    sep = _SEPARATOR.search(options)
                    separators[options] = chr(int(sep.group(1))) if sep else None
                separator = separators[options]
                table = hosts.setdefault(host, {}).setdefault(section, [])
                continue
        if section is not None and line.strip():
            table.append(line.split(separator) if separator else line.split())
    return hosts


def _crash(exc: BaseException) -> str:
    return f"check plug-in crashed: {type(exc).__name__}: {exc}".replace("\n", " ")


def parse_host(
    raw: Mapping[str, list[list[str]]],
    sections: Mapping[str, v2.AgentSection],
) -> tuple[dict[str, Any], dict[str, str]]:
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    start = _clock()
    try:
        for name, table in raw.items():
            section = sections.get(name)
            if section is None:
                continue
            parsed_name = section.parsed_section_name or section.name
            try:
                value = _drained(section.parse_function(table))
            except Exception as exc:  # noqa: BLE001 - one bad section must not stop the others
                errors[parsed_name] = _crash(exc)
                continue
            if value is not None:
                parsed[parsed_name] = value
    finally:
        _PLUGIN_CPU[0] += _clock() - start
    return parsed, errors


def host_labels(
    raw: Mapping[str, list[list[str]]],
    sections: Mapping[str, v2.AgentSection],
    parsed: Mapping[str, Any],
) -> dict[str, str]:
    found: list[Any] = []
    start = _clock()
    try:
        for name in raw:
            section = sections.get(name)
            value = parsed.get((section.parsed_section_name or section.name) if section else "")
            if (
                section is not None
                and section.host_label_function is not None
                and value is not None
            ):
                found.append(_drained(section.host_label_function(value)))
    finally:
        _PLUGIN_CPU[0] += _clock() - start
    labels: dict[str, str] = {}
    for each in found:
        labels.update((label.name, label.value) for label in each)
    return labels


def _section_kwargs(plugin: v2.CheckPlugin, parsed: Mapping[str, Any]) -> dict[str, Any] | None:
    names = list(plugin.sections or [plugin.name])
    if not any(name in parsed for name in names):
        return None
    if len(names) == 1:
        return {"section": parsed[names[0]]}
    return {f"section_{name}": parsed.get(name) for name in names}


def _summarize(host: str, service: str, results: list[Any]) -> ServiceResult:
    checked = []
    metrics = []
    for each in results:
        if isinstance(each, _RESULT):
            checked.append(each)
        elif isinstance(each, _METRIC):
            metrics.append(each)
    if not checked:
        return ServiceResult(
            host,
            service,
            "UNKNOWN",
            "Item not found in monitoring data",
            "",
            tuple(metrics),
        )
    state = v2.State.worst(*{r.state for r in checked})
    summary = ", ".join([r.summary for r in checked if r.summary])
    details = "\n".join([r.details for r in checked])
    return ServiceResult(host, service, state.name, summary, details, tuple(metrics))


def _call(
    host: str,
    plugin: v2.CheckPlugin,
    service: v2.Service,
    kwargs: dict[str, Any],
    store: dict[str, Any],
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The service's name, the check function's arguments and the service's value store."""
    name = plugin.service_name
    if "%s" in name:
        name = name % service.item
    call = dict(kwargs)
    if service.item is not None:
        call["item"] = service.item
    if plugin.check_default_parameters is not None:
        call["params"] = {**plugin.check_default_parameters, **(service.parameters or {})}
    key = f"{host}\t{plugin.name}\t{service.item or ''}"
    return name, call, store.setdefault(key, {})


class _Raised(NamedTuple):
    """What a plug-in function raised instead of returning."""

    exception: Exception


def _service_result(host: str, name: str, outcome: Any) -> ServiceResult:
    """A service from its check function's results, or from the exception it raised."""
    if isinstance(outcome, _Raised):
        exc = outcome.exception
        if isinstance(exc, v2.IgnoreResultsError):
            return ServiceResult(host, name, "UNKNOWN", f"stale: {exc}", str(exc))
        # Checkmk turns a crash into an UNKNOWN service
        return ServiceResult(host, name, "UNKNOWN", _crash(exc), _crash(exc))
    try:
        return _summarize(host, name, outcome)
    except Exception as exc:  # noqa: BLE001 - results that are no results: a crash too
        return ServiceResult(host, name, "UNKNOWN", _crash(exc), _crash(exc))


def _crashed(host: str, plugin: v2.CheckPlugin, text: str) -> ServiceResult:
    return ServiceResult(host, plugin.service_name.replace("%s", "*"), "UNKNOWN", text, text)


def _by_section(plugins: Iterable[v2.CheckPlugin]) -> dict[str, list[int]]:
    """Section name → the positions of the plug-ins that use it."""
    index: dict[str, list[int]] = {}
    for position, plugin in enumerate(plugins):
        for name in plugin.sections or [plugin.name]:
            index.setdefault(name, []).append(position)
    return index


def check_host(
    host: str,
    parsed: Mapping[str, Any],
    errors: Mapping[str, str],
    plugins: Sequence[v2.CheckPlugin],
    store: dict[str, Any],
    by_section: Mapping[str, list[int]] | None = None,
) -> list[ServiceResult]:
    """Discovers and checks, in `plugins`' order, every plug-in that has a section here."""
    plugins = list(plugins)
    by_section = _by_section(plugins) if by_section is None else by_section
    # Only plug-ins with a parsed or a broken section do anything on this host.
    found = sorted({i for name in (*parsed, *errors) for i in by_section.get(name, ())})
    # (plug-in, kwargs, its discovered services or the exception its discovery raised)
    discovered: list[tuple[v2.CheckPlugin, dict[str, Any] | None, Any]] = []
    for position in found:
        plugin = plugins[position]
        broken = [errors[s] for s in (plugin.sections or [plugin.name]) if s in errors]
        if broken:
            discovered.append((plugin, None, broken[0]))
            continue
        kwargs = _section_kwargs(plugin, parsed)
        if kwargs is not None:
            discovered.append((plugin, kwargs, None))
    start = _clock()
    try:
        for i, (plugin, kwargs, _) in enumerate(discovered):
            if kwargs is not None:
                try:
                    services = plugin.discovery_function(**kwargs)
                    if services.__class__ is _GENERATOR or isinstance(services, Iterator):
                        services = list(services)
                except Exception as exc:  # noqa: BLE001
                    services = _Raised(exc)
                discovered[i] = (plugin, kwargs, services)
    finally:
        _PLUGIN_CPU[0] += _clock() - start
    # Per plug-in: a crash line, or its services' (name, check function, arguments, store).
    planned: list[ServiceResult | list[tuple[str, Callable[..., Any], dict[str, Any], Any]]] = []
    for plugin, kwargs, services in discovered:
        if kwargs is None:
            planned.append(_crashed(host, plugin, services))
        elif isinstance(services, _Raised):
            planned.append(_crashed(host, plugin, _crash(services.exception)))
        else:
            planned.append(
                [
                    (name, plugin.check_function, call, value_store)
                    for name, call, value_store in (
                        _call(host, plugin, service, kwargs, store) for service in services
                    )
                ],
            )
    outcomes: list[Any] = []
    append, set_value_store = outcomes.append, v2._set_value_store
    start = _clock()
    try:
        for calls in planned:
            if isinstance(calls, ServiceResult):
                continue
            for _, check, call, value_store in calls:
                set_value_store(value_store)
                try:
                    result = check(**call)
                    append(
                        list(result)
                        if result.__class__ is _GENERATOR or isinstance(result, Iterator)
                        else result,
                    )
                except Exception as exc:  # noqa: BLE001 - Checkmk makes it an UNKNOWN service
                    append(_Raised(exc))
                finally:
                    set_value_store(None)  # as on a site: no value store outside a check
    finally:
        _PLUGIN_CPU[0] += _clock() - start
    results: list[ServiceResult] = []
    each = iter(outcomes)
    for calls in planned:
        if isinstance(calls, ServiceResult):
            results.append(calls)
        else:
            results.extend(_service_result(host, name, next(each)) for name, *_ in calls)
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
    by_section = _by_section(plugins)
    results: list[ServiceResult] = []
    labels: dict[str, dict[str, str]] = {}
    hosts = split_hosts(text.splitlines(), cluster_host)
    try:
        for host, raw in hosts.items():
            # A site checks each host on its own, in a process that holds little else; here the
            # whole output and every result so far stay in memory. Frozen, the collector does
            # not walk them again for each host's plug-in calls (which would bill the plug-ins
            # for this runner's memory).
            gc.freeze()
            parsed, errors = parse_host(raw, sections)
            try:
                labels[host] = host_labels(raw, sections, parsed)
            except Exception as exc:  # noqa: BLE001
                labels[host] = {"kubemon/host-label-crash": _crash(exc)}
            results.extend(check_host(host, parsed, errors, plugins, store, by_section))
    finally:
        gc.unfreeze()
    results.sort(key=lambda r: (r.host, r.service))
    return results, labels

"""Makes the kubemon family importable as a site would, without copies or symlinks.

`cmk_addons.plugins.kubemon` gets the `__path__` `[<repo>/checks, <repo>/wato]`, so
`cmk_addons.plugins.kubemon.agent_based.x` is `checks/agent_based/x.py` and
`cmk_addons.plugins.kubemon.rulesets.x` is `wato/rulesets/x.py`; `checks/standin` provides `cmk`.
"""

import importlib
import inspect
import pkgutil
import re
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FAMILY = "cmk_addons.plugins.kubemon"


def install() -> None:
    standin = str(REPO / "checks" / "standin")
    if standin not in sys.path:
        sys.path.insert(0, standin)
    paths = {
        "cmk_addons": [],
        "cmk_addons.plugins": [],
        FAMILY: [str(REPO / "checks"), str(REPO / "wato")],
    }
    for name, path in paths.items():
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = path
            sys.modules[name] = module


def plugin_modules(group: str) -> list[types.ModuleType]:
    """Imports every module of a plug-in group (`agent_based`, `graphing`, `rulesets`, …)."""
    install()
    package = importlib.import_module(f"{FAMILY}.{group}")
    return [
        importlib.import_module(f"{FAMILY}.{group}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)
    ]


def _prefixes(group: str) -> dict[str, tuple[type, ...]]:
    """The discovery prefixes of a plug-in group and the types a prefixed object must have."""
    install()
    if group == "agent_based":
        from cmk.agent_based import v2

        return {
            "agent_section_": (v2.AgentSection,),
            "check_plugin_": (v2.CheckPlugin,),
            "inventory_plugin_": (v2.InventoryPlugin,),
        }
    if group == "rulesets":
        from cmk.rulesets.v1 import rule_specs

        return {"rule_spec_": (rule_specs.CheckParameters, rule_specs.SpecialAgent)}
    if group == "server_side_calls":
        from cmk.server_side_calls import v1

        return {"special_agent_": (v1.SpecialAgentConfig,)}
    if group == "graphing":
        from cmk.graphing.v1 import graphs, metrics, perfometers

        return {
            "metric_": (metrics.Metric,),
            "graph_": (graphs.Graph,),
            "perfometer_": (perfometers.Perfometer,),
        }
    raise ValueError(f"unknown plug-in group {group!r}")


def collect(modules: list[types.ModuleType], group: str) -> dict[str, object]:
    """Collects plug-ins as the site's loader does, failing where it reports an error.

    Every module-level object whose name starts with a prefix of the group must be of that
    prefix's type, and no two plug-ins of one type may share a name (even in different
    modules). For agent_based, the backend's registration rules apply on top (names, function
    arguments, ruleset needs defaults, subscribed sections exist): a site refuses such plug-ins.
    """
    prefixes = _prefixes(group)
    found: dict[str, object] = {}
    seen: dict[tuple[type, str], str] = {}
    for module in modules:
        for name, value in vars(module).items():
            prefix = next((p for p in prefixes if name.startswith(p)), None)
            if prefix is None:
                continue
            where = f"{module.__name__}:{name}"
            if not isinstance(value, prefixes[prefix]):
                wanted = " or ".join(t.__name__ for t in prefixes[prefix])
                raise TypeError(f"{where}: {value!r} is not a {wanted} (prefix {prefix!r})")
            key = (type(value), value.name)
            if key in seen:
                raise ValueError(f"{where}: plug-in {value.name!r} already defined at {seen[key]}")
            seen[key] = where
            found[where] = value
    if group == "agent_based":
        _backend_rules(list(found.values()))
    return found


def plugin_objects(group: str, prefix: str) -> dict[str, object]:
    """The plug-ins of one prefix as a site collects them, by variable name."""
    collected = collect(plugin_modules(group), group)
    return {
        where.split(":", 1)[1]: value
        for where, value in collected.items()
        if where.split(":", 1)[1].startswith(prefix)
    }


def _check_name(kind: str, name: object) -> None:
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise ValueError(f"{kind} name must be letters, digits or underscores, got {name!r}")


def _check_args(plugin: str, kind: str, function: object, expected: list[str]) -> None:
    got = list(inspect.signature(function).parameters)  # type: ignore[arg-type]
    if got != expected:
        raise TypeError(f"{plugin}: {kind} function must take {expected}, takes {got}")


def _check_defaults(plugin: str, kind: str, defaults: object, ruleset: object) -> list[str]:
    if ruleset is not None and defaults is None:
        raise ValueError(f"{plugin}: {kind} ruleset {ruleset!r} needs {kind} default parameters")
    if defaults is not None and not isinstance(defaults, dict):
        raise TypeError(f"{plugin}: {kind} default parameters must be a dict, got {defaults!r}")
    return [] if defaults is None else ["params"]


def _backend_rules(plugins: list[object]) -> None:
    """The checks Checkmk's backend makes when it registers sections and plug-ins."""
    from cmk.agent_based import v2

    sections = [p for p in plugins if isinstance(p, v2.AgentSection)]
    parsed = set()
    for section in sections:
        _check_name("section", section.name)
        parsed.add(section.parsed_section_name or section.name)
        if section.parsed_section_name is not None:
            _check_name("parsed section", section.parsed_section_name)
        if section.host_label_function is not None:
            params = _check_defaults(
                section.name,
                "host label",
                section.host_label_default_parameters,
                section.host_label_ruleset_name,
            )
            label_function = section.host_label_function
            _check_args(section.name, "host label", label_function, params + ["section"])
    for plugin in (p for p in plugins if isinstance(p, v2.CheckPlugin)):
        _check_name("check plug-in", plugin.name)
        if plugin.service_name.count("%s") > 1:
            raise ValueError(f"{plugin.name}: service name has more than one %s")
        names = list(plugin.sections or [plugin.name])
        missing = [n for n in names if n not in parsed]
        if missing:
            raise ValueError(f"{plugin.name}: subscribes to sections nothing parses: {missing}")
        args = ["section"] if len(names) == 1 else [f"section_{n}" for n in names]
        discovery_params = _check_defaults(
            plugin.name,
            "discovery",
            plugin.discovery_default_parameters,
            plugin.discovery_ruleset_name,
        )
        _check_args(plugin.name, "discovery", plugin.discovery_function, discovery_params + args)
        check_params = _check_defaults(
            plugin.name,
            "check",
            plugin.check_default_parameters,
            plugin.check_ruleset_name,
        )
        item = ["item"] if "%s" in plugin.service_name else []
        _check_args(plugin.name, "check", plugin.check_function, item + check_params + args)
    for inventory in (p for p in plugins if isinstance(p, v2.InventoryPlugin)):
        _check_name("inventory plug-in", inventory.name)
        names = list(inventory.sections or [inventory.name])
        missing = [n for n in names if n not in parsed]
        if missing:
            raise ValueError(f"{inventory.name}: subscribes to sections nothing parses: {missing}")
        args = ["section"] if len(names) == 1 else [f"section_{n}" for n in names]
        params = _check_defaults(
            inventory.name,
            "inventory",
            inventory.inventory_default_parameters,
            inventory.inventory_ruleset_name,
        )
        _check_args(inventory.name, "inventory", inventory.inventory_function, params + args)

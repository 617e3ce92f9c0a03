"""Makes the kubemon family importable as a site would, without copies or symlinks.

`cmk_addons.plugins.kubemon` gets the `__path__` `[<repo>/checks, <repo>/wato]`, so
`cmk_addons.plugins.kubemon.agent_based.x` is `checks/agent_based/x.py` and
`cmk_addons.plugins.kubemon.rulesets.x` is `wato/rulesets/x.py`; `checks/standin` provides `cmk`.
"""

import importlib
import pkgutil
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


def plugin_objects(group: str, prefix: str) -> dict[str, object]:
    """Module-level objects whose name starts with the discovery prefix, as a site collects them."""
    found: dict[str, object] = {}
    for module in plugin_modules(group):
        for name, value in vars(module).items():
            if name.startswith(prefix):
                if name in found:
                    raise ValueError(f"{name} defined twice ({module.__name__})")
                found[name] = value
    return found

"""Our plug-in discovery refuses what a site's loader and backend refuse.

A module-level object with a discovery prefix must be of that prefix's type, two plug-ins of
one type must not share a name, and the backend's registration rules hold (names, function
arguments, a ruleset needs defaults, subscribed sections exist). Each case writes a small
plug-in module the way a plug-in author would and loads it like the site does.
"""

import importlib.util
import textwrap
import types
from pathlib import Path

import kubemon_env
import pytest

HEADER = """
from cmk.agent_based.v2 import AgentSection, CheckPlugin, Result, Service, State

def parse(string_table):
    return string_table

def discover(section):
    yield Service()

def check(section):
    yield Result(state=State.OK, summary="fine")
"""


def _module(tmp_path: Path, name: str, body: str) -> types.ModuleType:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"kubemon_loader_test.{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SECTION = """
agent_section_demo = AgentSection(name="demo", parse_function=parse)
"""


def _good(tmp_path: Path) -> types.ModuleType:
    return _module(
        tmp_path,
        "good",
        HEADER
        + SECTION
        + """
check_plugin_demo = CheckPlugin(
    name="demo", service_name="Demo", discovery_function=discover, check_function=check
)
""",
    )


def test_a_good_plugin_loads(tmp_path: Path) -> None:
    found = kubemon_env.collect([_good(tmp_path)], "agent_based")
    assert sorted(found) == [
        "kubemon_loader_test.good:agent_section_demo",
        "kubemon_loader_test.good:check_plugin_demo",
    ]


def test_a_prefixed_object_of_the_wrong_type_fails(tmp_path: Path) -> None:
    bad = _module(tmp_path, "bad", HEADER + SECTION + 'check_plugin_oops = {"name": "oops"}\n')
    with pytest.raises(TypeError, match=r"bad:check_plugin_oops: .* is not a CheckPlugin"):
        kubemon_env.collect([bad], "agent_based")


def test_a_rule_spec_of_the_wrong_type_fails(tmp_path: Path) -> None:
    bad = _module(
        tmp_path,
        "rules",
        """
from cmk.rulesets.v1 import Title
from cmk.rulesets.v1.form_specs import Dictionary
rule_spec_half = Dictionary(title=Title("not a rule spec"), elements={})
""",
    )
    with pytest.raises(TypeError, match=r"rule_spec_half: .* is not a CheckParameters"):
        kubemon_env.collect([bad], "rulesets")


def test_two_plugins_of_one_type_with_one_name_fail(tmp_path: Path) -> None:
    twin = _module(
        tmp_path,
        "twin",
        HEADER
        + """
check_plugin_demo_again = CheckPlugin(
    name="demo", service_name="Demo again", discovery_function=discover, check_function=check
)
""",
    )
    with pytest.raises(ValueError, match=r"twin:check_plugin_demo_again: plug-in 'demo' already"):
        kubemon_env.collect([_good(tmp_path), twin], "agent_based")


def test_one_name_for_a_section_and_a_check_plugin_is_fine(tmp_path: Path) -> None:
    # The section and the check plug-in above are both named "demo": different types.
    assert len(kubemon_env.collect([_good(tmp_path)], "agent_based")) == 2


@pytest.mark.parametrize(
    "plugin, error",
    [
        pytest.param(
            'CheckPlugin(name="x", sections=["demo"], service_name="X %s",'
            " discovery_function=discover, check_function=check)",
            r"x: check function must take \['item', 'section'\], takes \['section'\]",
            id="item-argument-missing",
        ),
        pytest.param(
            'CheckPlugin(name="x", sections=["demo"], service_name="X",'
            ' discovery_function=discover, check_function=check, check_ruleset_name="r")',
            r"x: check ruleset 'r' needs check default parameters",
            id="ruleset-without-defaults",
        ),
        pytest.param(
            'CheckPlugin(name="x-y", service_name="X", discovery_function=discover,'
            " check_function=check)",
            r"check plug-in name must be letters, digits or underscores, got 'x-y'",
            id="name-with-dash",
        ),
        pytest.param(
            'CheckPlugin(name="x", sections=["nothing"], service_name="X",'
            " discovery_function=discover, check_function=check)",
            r"x: subscribes to sections nothing parses: \['nothing'\]",
            id="unknown-section",
        ),
        pytest.param(
            'CheckPlugin(name="x", service_name="X %s %s", discovery_function=discover,'
            " check_function=check)",
            r"x: service name has more than one %s",
            id="two-items",
        ),
    ],
)
def test_the_backend_refuses_a_badly_registered_plugin(
    tmp_path: Path, plugin: str, error: str
) -> None:
    bad = _module(tmp_path, "registration", HEADER + SECTION + f"check_plugin_x = {plugin}\n")
    with pytest.raises((TypeError, ValueError), match=error):
        kubemon_env.collect([bad], "agent_based")


INVENTORY = """
from cmk.agent_based.v2 import AgentSection, Attributes, InventoryPlugin

def parse(string_table):
    return string_table

def inventory(section):
    yield Attributes(path=["demo"], inventory_attributes={"rows": len(section)})

agent_section_demo = AgentSection(name="demo", parse_function=parse)
"""


def test_an_inventory_plugin_loads_and_checks_like_the_backend(tmp_path: Path) -> None:
    good = _module(
        tmp_path,
        "inventory",
        INVENTORY
        + "inventory_plugin_demo = InventoryPlugin(name='demo', inventory_function=inventory)\n",
    )
    found = kubemon_env.collect([good], "agent_based")
    assert "kubemon_loader_test.inventory:inventory_plugin_demo" in found


@pytest.mark.parametrize(
    "body, error",
    [
        pytest.param(
            "inventory_plugin_oops = {'name': 'oops'}",
            r"inventory_plugin_oops: .* is not a InventoryPlugin",
            id="wrong-type",
        ),
        pytest.param(
            "inventory_plugin_a = InventoryPlugin(name='demo', inventory_function=inventory)\n"
            "inventory_plugin_b = InventoryPlugin(name='demo', inventory_function=inventory)",
            r"inventory_plugin_b: plug-in 'demo' already defined",
            id="same-name",
        ),
        pytest.param(
            "inventory_plugin_x = InventoryPlugin(name='x-y', sections=['demo'],"
            " inventory_function=inventory)",
            r"inventory plug-in name must be letters, digits or underscores, got 'x-y'",
            id="name-with-dash",
        ),
        pytest.param(
            "inventory_plugin_x = InventoryPlugin(name='x', inventory_function=inventory)",
            r"x: subscribes to sections nothing parses: \['x'\]",
            id="unknown-section",
        ),
        pytest.param(
            "inventory_plugin_x = InventoryPlugin(name='x', sections=['demo', 'demo2'],"
            " inventory_function=inventory)\n"
            "agent_section_demo2 = AgentSection(name='demo2', parse_function=parse)",
            r"x: inventory function must take \['section_demo', 'section_demo2'\]",
            id="argument-names",
        ),
        pytest.param(
            "inventory_plugin_x = InventoryPlugin(name='x', sections=['demo'],"
            " inventory_function=inventory, inventory_ruleset_name='r')",
            r"x: inventory ruleset 'r' needs inventory default parameters",
            id="ruleset-without-defaults",
        ),
    ],
)
def test_the_backend_refuses_a_badly_registered_inventory_plugin(
    tmp_path: Path, body: str, error: str
) -> None:
    bad = _module(tmp_path, "bad_inventory", INVENTORY + body + "\n")
    with pytest.raises((TypeError, ValueError), match=error):
        kubemon_env.collect([bad], "agent_based")


def test_the_kubemon_family_loads_as_on_a_site() -> None:
    # The counts a real site's loader found (../shared/research/real-api-2026-12-03.md: 32
    # sections, 33 check plug-ins, 26 rule specs, 1 special agent, 54 metrics, 9 graphs, 7
    # perfometers), changed since that run only by the `parity` merge:
    # - check plug-ins kubemon_pod_phase and kubemon_pod_uptime (+2), the rule spec
    #   kubemon_pod_uptime (+1) and 8 inventory plug-ins (kubemon_inventory.py, a prefix the
    #   real-loader run had none of);
    # - 34 metrics, 6 graphs and 4 perfometers fewer: those values are now emitted under
    #   agent_kube's kube_* names, which Checkmk's own graphing defines (tests/agent_kube.py);
    # - by `knobs`: the rule spec kubemon_node_containers (+1);
    # - by `switches`: the section kubemon_node_kubelet_health_v1 (+1, --kubelet-health).
    def count(group: str, prefix: str) -> int:
        return len(kubemon_env.plugin_objects(group, prefix))

    assert count("agent_based", "agent_section_") == 32 + 1
    assert count("agent_based", "check_plugin_") == 33 + 2
    assert count("agent_based", "inventory_plugin_") == 8
    assert count("rulesets", "rule_spec_") == 26 + 1 + 1
    assert count("server_side_calls", "special_agent_") == 1
    assert count("graphing", "metric_") == 54 - 34
    assert count("graphing", "graph_") == 9 - 6
    assert count("graphing", "perfometer_") == 7 - 4

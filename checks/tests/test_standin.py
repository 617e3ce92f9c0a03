"""The stand-in's exported names are the documented API, and plug-ins use nothing else."""

import ast
import re
from pathlib import Path

import pytest

from cmk.agent_based.v2 import (
    Attributes,
    InventoryPlugin,
    Metric,
    Result,
    State,
    TableRow,
    check_levels,
    render,
)

REPO = Path(__file__).resolve().parents[2]

# The documented names (research/checkmk-plugin-apis-and-mkp.md §3 agent_based.v2, §4 rulesets.v1,
# §5 server_side_calls.v1, §6 graphing.v1) that kubemon uses; the stand-in exports exactly these.
DOCUMENTED = {
    "cmk.agent_based.v2": {
        "AgentSection",
        "Attributes",
        "CheckPlugin",
        "CheckResult",
        "DiscoveryResult",
        "HostLabel",
        "HostLabelGenerator",
        "IgnoreResultsError", "InventoryPlugin", "InventoryResult", "Metric", "Result", "Service",
        "State", "StringTable", "TableRow", "check_levels", "get_value_store", "render",
    },
    "cmk.rulesets.v1": {"Help", "Label", "Message", "Title", "form_specs", "rule_specs"},
    "cmk.rulesets.v1.form_specs": {
        "CascadingSingleChoice",
        "CascadingSingleChoiceElement",
        "DefaultValue",
        "DictElement",
        "Dictionary",
        "FixedValue",
        "Float",
        "FormSpec",
        "InputHint",
        "Integer",
        "LevelDirection",
        "LevelsType",
        "List",
        "MatchingScope",
        "MultilineText",
        "MultipleChoice",
        "MultipleChoiceElement",
        "Password",
        "Percentage",
        "Proxy",
        "RegularExpression",
        "ServiceState",
        "SimpleLevels",
        "String",
        "TimeMagnitude",
        "TimeSpan", "migrate_to_password", "migrate_to_proxy",
    },
    "cmk.rulesets.v1.form_specs.validators": {
        "LengthInRange",
        "MatchRegex",
        "NumberInRange",
        "Url",
        "UrlProtocol",
        "ValidationError",
    },
    "cmk.rulesets.v1.rule_specs": {
        "CheckParameters",
        "HostAndItemCondition",
        "HostCondition",
        "SpecialAgent",
        "Topic",
    },
    "cmk.server_side_calls.v1": {
        "EnvProxy",
        "HostConfig",
        "NoProxy",
        "Secret",
        "SpecialAgentCommand",
        "SpecialAgentConfig",
        "URLProxy",
    },
    "cmk.graphing.v1": {"Title", "graphs", "metrics", "perfometers"},
    "cmk.graphing.v1.metrics": {
        "AutoPrecision",
        "Color",
        "DecimalNotation",
        "IECNotation",
        "Metric",
        "SINotation",
        "StrictPrecision",
        "TimeNotation", "Unit",
    },
    "cmk.graphing.v1.graphs": {"Graph", "MinimalRange"},
    "cmk.graphing.v1.perfometers": {"Closed", "FocusRange", "Perfometer"},
}


def test_every_standin_name_is_used() -> None:
    # Neither the stand-in nor this file (whose list names everything) counts as a use.
    sources = " ".join(
        p.read_text(encoding="utf-8")
        for p in _python_files() + _test_files()
        if "standin" not in p.relative_to(REPO).parts and p != Path(__file__).resolve()
    )
    unused = sorted(
        n for names in DOCUMENTED.values() for n in names if not re.search(rf"\b{n}\b", sources)
    )
    assert not unused, f"the stand-in covers names nothing uses: {unused}"


@pytest.mark.parametrize("module", sorted(DOCUMENTED))
def test_standin_exports_exactly_the_documented_names(module: str) -> None:
    imported = __import__(module, fromlist=["__all__"])
    assert set(imported.__all__) == DOCUMENTED[module]
    assert all(hasattr(imported, name) for name in imported.__all__)


def _shipped_files() -> list[Path]:
    roots = [REPO / "checks" / d for d in ("agent_based", "lib", "graphing")] + [
        REPO / "wato" / d for d in ("rulesets", "server_side_calls")
    ]
    return sorted(p for root in roots for p in root.glob("*.py"))


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plugins_import_only_documented_names(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cmk."):
            outside = {a.name for a in node.names} - DOCUMENTED.get(node.module, set())
            assert not outside, f"{path.name} imports {sorted(outside)} from {node.module}, not in the documented list"
        if isinstance(node, ast.Import):
            assert not any(
                a.name.startswith("cmk.") for a in node.names
            ), f"{path.name}: use 'from cmk... import'"


def test_check_levels_upper_text_and_states() -> None:
    assert list(
        check_levels(4, levels_upper=("fixed", (5, 10)), label="Restarts", render_func=str),
    ) == [
        Result(state=State.OK, summary="Restarts: 4")
    ]
    assert list(
        check_levels(
            5,
            levels_upper=("fixed", (5, 10)),
            label="Restarts",
            render_func=str,
            metric_name="r",
        ),
    ) == [
        Result(state=State.WARN, summary="Restarts: 5 (warn/crit at 5/10)"),
        Metric("r", 5, levels=(5, 10)),
    ]
    assert list(check_levels(10, levels_upper=("fixed", (5, 10)), render_func=str)) == [
        Result(state=State.CRIT, summary="10 (warn/crit at 5/10)")
    ]


def test_check_levels_lower_and_no_levels() -> None:
    assert list(check_levels(4.0, levels_lower=("fixed", (10.0, 5.0)), label="Free")) == [
        Result(state=State.CRIT, summary="Free: 4.00 (warn/crit below 10.00/5.00)")
    ]
    assert list(
        check_levels(7.0, levels_lower=("fixed", (10.0, 5.0)), label="Free", notice_only=True),
    ) == [
        Result(state=State.WARN, notice="Free: 7.00 (warn/crit below 10.00/5.00)")
    ]
    assert list(check_levels(99.0, levels_upper=("no_levels", None), label="X")) == [
        Result(state=State.OK, summary="X: 99.00"),
    ]


def test_result_rules() -> None:
    assert Result(state=State.OK, notice="hidden").summary == ""
    assert Result(state=State.WARN, notice="shown").summary == "shown"
    with pytest.raises(ValueError):
        Result(state=State.OK, summary="two\nlines")
    with pytest.raises(TypeError):
        Result(state=State.OK, summary="a", notice="b")
    with pytest.raises(TypeError):
        Metric("has space", 1)


def test_worst_ranks_crit_above_unknown() -> None:
    assert State.worst(State.UNKNOWN, State.CRIT, State.WARN) == State.CRIT
    assert State.worst(State.OK, State.UNKNOWN, State.WARN) == State.UNKNOWN


# What the real Attributes/TableRow (Checkmk's cmk/agent_based/v1/_inventory_classes.py) raise;
# the conformance probes have no inventory cases, so these were read from that source.
_KUBE = ["software", "applications", "kube"]


@pytest.mark.parametrize(
    "make, error",
    [
        (lambda: Attributes(path=[]), TypeError),
        (lambda: Attributes(path=("software",)), TypeError),
        (lambda: Attributes(path=["software", 1]), TypeError),
        (lambda: Attributes(path=["software", "kube pods"]), ValueError),
        (lambda: Attributes(path=_KUBE, inventory_attributes={"a": [1]}), TypeError),
        (lambda: Attributes(path=_KUBE, inventory_attributes={1: "a"}), TypeError),
        (lambda: Attributes(path=_KUBE, inventory_attributes=(("a", 1),)), TypeError),
        (lambda: Attributes(path=_KUBE, inventory_attributes={"a": 1}, status_attributes={"a": 2}),
         ValueError),
        (lambda: TableRow(path=_KUBE, key_columns={}), TypeError),
        (lambda: TableRow(path=_KUBE, key_columns=None), TypeError),
        (lambda: TableRow(path=[], key_columns={"k": 1}), TypeError),
        (lambda: TableRow(path=_KUBE, key_columns={"k": 1}, status_columns={"v": {}}), TypeError),
        (lambda: TableRow(path=_KUBE, key_columns={"k": 1}, inventory_columns={"k": 2}),
         ValueError),
        (lambda: TableRow(path=_KUBE, key_columns={"k": 1}, inventory_columns={"v": 1},
                          status_columns={"v": 2}), ValueError),
    ],
)
def test_inventory_classes_refuse_what_the_real_ones_refuse(make: object, error: type) -> None:
    with pytest.raises(error):
        make()  # type: ignore[operator]


def test_inventory_classes_are_keyword_only_named_tuples() -> None:
    row = TableRow(path=["a-b_1", ""], key_columns={"k": "v"}, inventory_columns=None)
    assert row == (["a-b_1", ""], {"k": "v"}, {}, {})
    attributes = Attributes(path=["x"], inventory_attributes={"n": None, "ok": True})
    assert attributes.status_attributes == {}
    with pytest.raises(TypeError):
        Attributes(["x"])  # type: ignore[misc]
    # Like the real one, an InventoryPlugin is not checked until the backend loads it.
    assert InventoryPlugin(name="bad-name", inventory_function=len).name == "bad-name"


def test_render() -> None:
    assert render.timespan(600) == "10 minutes 0 seconds"
    assert render.timespan(0) == "0 seconds"
    assert render.bytes(1073741824) == "1.00 GiB"
    assert render.percent(17.5) == "17.50%"


def _python_files() -> list[Path]:
    shipped = _shipped_files()
    tools = sorted((REPO / "checks" / "tools").glob("*.py"))
    standin = sorted((REPO / "checks" / "standin").rglob("*.py"))
    return shipped + tools + standin


def test_python_lines_fit_in_100_columns() -> None:
    long_lines = [
        f"{path.relative_to(REPO)}:{number}"
        for path in _python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 100
    ]
    assert not long_lines, f"lines over 100 columns: {long_lines}"


def _test_files() -> list[Path]:
    return sorted((REPO / "checks" / "tests").rglob("*.py")) + sorted(
        (REPO / "wato" / "tests").rglob("*.py"),
    )

"""docs/switching-from-agent-kube.md against the plug-ins and agent_kube's names: no drift.

Each row of its tables is checked: kubemon names against the plug-ins, rules and graphing (and
the services the runner discovers on the golden outputs and the full scenario), agent_kube names
against checks/tests/agent_kube.py, kubemon defaults against `check_default_parameters`.
"""

import functools
import json
import re
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import agent_kube
import kubemon_env
import pytest
from kubemon_golden import RECORDINGS, golden_file
from kubemon_scenarios import REPO, agent_output, full_scenario

DOC = REPO / "docs" / "switching-from-agent-kube.md"
PLUGINS = {p.name: p for p in kubemon_env.plugin_objects("agent_based", "check_plugin_").values()}
RULES = kubemon_env.plugin_objects("rulesets", "rule_spec_")
CHECK_RULES = {r.name for r in RULES.values() if type(r).__name__ == "CheckParameters"}
OURS = {m.name for m in kubemon_env.plugin_objects("graphing", "metric_").values()}
KINDS = ("node", "namespace", "pod", "deployment", "daemonset", "statefulset", "cronjob")
MARKS = ("same", "renamed because", "new", "missing")
NONE = "–"


def table(heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table after `heading`."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    assert len(rows) > 2, f"no table under {heading}"
    return rows[2:]  # header and separator


def name(cell: str) -> str:
    """The first `code` of a cell, or the cell itself."""
    match = re.search(r"`([^`]+)`", cell)
    return match.group(1) if match else cell


def mark(cell: str) -> str:
    found = [m for m in MARKS if cell.startswith(m)]
    assert found, f"mark {cell!r} is none of {MARKS}"
    return found[0]


def fmt_value(value: Any) -> str:
    """A default as the doc writes it: levels warn/crit, off, numbers, lists joined."""
    if isinstance(value, tuple) and value and value[0] == "no_levels":
        return "off"
    if isinstance(value, tuple) and value and value[0] == "fixed":
        return "/".join(str(int(v)) if float(v).is_integer() else str(v) for v in value[1])
    if isinstance(value, Mapping):
        return "(" + ", ".join(f"{k} {fmt_value(v)}" for k, v in value.items()) + ")"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def fmt_params(params: Mapping[str, Any] | None) -> str:
    return "; ".join(f"{k} {fmt_value(v)}" for k, v in (params or {}).items()) or NONE


SERVICES = table("## Services")
METRIC_ROWS = table("## Metrics")
RULE_ROWS = table("## Check parameter rules")


def hosts_of(cell: str) -> list[str]:
    kinds = [h.strip() for h in cell.split(",")]
    assert set(kinds) <= {"cluster", *KINDS}, cell
    return kinds


@pytest.mark.parametrize("row", SERVICES, ids=lambda r: f"{r[0]}:{r[2]}")
def test_service_row(row: list[str]) -> None:
    hosts, theirs, ours, plugin, row_mark = row
    kind = mark(row_mark)
    for host in hosts_of(hosts):
        if theirs != NONE and kind != "missing":
            assert theirs in agent_kube.SERVICES[host], f"agent_kube has no {theirs} on {host}"
    if plugin != NONE:
        assert PLUGINS[name(plugin)].service_name == ours
    if kind == "same":
        assert theirs == ours
    if kind == "new":
        assert theirs == NONE and ours != NONE
    if kind == "missing":
        assert ours == NONE and plugin == NONE and theirs != NONE


def test_every_agent_kube_service_and_every_plugin_has_a_row() -> None:
    rows = {(h, r[1]) for r in SERVICES for h in hosts_of(r[0])}
    missing = {(h, s) for h, names in agent_kube.SERVICES.items() for s in names} - rows
    assert not missing, f"agent_kube services without a row: {sorted(missing)}"
    listed = {name(r[3]) for r in SERVICES if r[3] != NONE}
    assert listed == set(PLUGINS), f"plug-ins without a row: {sorted(set(PLUGINS) - listed)}"


@functools.cache
def _run_everything() -> tuple[set[tuple[str, str]], set[str]]:
    """(host kind, service) pairs and metric names of the full scenario and the golden outputs."""
    texts = [agent_output(full_scenario())]
    texts += [golden_file(r).read_text(encoding="utf-8") for r in RECORDINGS]
    services: set[tuple[str, str]] = set()
    metrics: set[str] = set()
    for text in texts:
        done = subprocess.run(
            [sys.executable, str(REPO / "checks" / "tools" / "run_checks.py"), "--json",
             "--cluster-host", "the-cluster"],
            input=text, capture_output=True, text=True, timeout=120, check=True,
        )
        for service in json.loads(done.stdout):
            kind = service["host"].split("_", 1)[0]
            host = kind if kind in KINDS else "cluster"
            item = r"^(Container|PVC|Prometheus query|Custom metric) .*"
            services.add((host, re.sub(item, r"\1 %s", service["service"])))
            metrics |= {m["name"] for m in service["metrics"]}
    return services, metrics


def test_every_discovered_service_is_a_row_on_its_host_kind() -> None:
    rows = {(h, r[2]) for r in SERVICES for h in hosts_of(r[0])}
    discovered = _run_everything()[0]
    assert len(discovered) > 40
    assert not discovered - rows, f"services not in the table: {sorted(discovered - rows)}"


def emitted(metric: str) -> bool:
    return metric in _run_everything()[1]


@pytest.mark.parametrize("row", METRIC_ROWS, ids=lambda r: f"{name(r[0])}:{name(r[1])}")
def test_metric_row(row: list[str]) -> None:
    theirs, ours, row_mark = name(row[0]), name(row[1]), mark(row[2])
    if row_mark == "same":
        assert theirs == ours and emitted(ours), f"no plug-in emits {ours}"
        assert ours in agent_kube.METRICS | agent_kube.GENERIC_METRICS and ours not in OURS
    elif row_mark == "missing":
        assert ours == NONE and theirs in agent_kube.METRICS
        assert not emitted(theirs), f"{theirs} is emitted now: mark it same"
    else:
        assert ours in OURS and emitted(ours), f"{ours} is not a kubemon metric"


def test_every_metric_has_a_row() -> None:
    theirs = {name(r[0]) for r in METRIC_ROWS}
    assert agent_kube.METRICS <= theirs, sorted(agent_kube.METRICS - theirs)
    ours = {name(r[1]) for r in METRIC_ROWS}
    assert OURS <= ours, f"kubemon metrics without a row: {sorted(OURS - ours)}"


def _rule_defaults(rule: str) -> set[str]:
    return {
        fmt_params(p.check_default_parameters)
        for p in PLUGINS.values()
        if p.check_ruleset_name == rule
    }


@pytest.mark.parametrize("row", RULE_ROWS, ids=lambda r: f"{name(r[0])}:{name(r[2])}")
def test_rule_row(row: list[str]) -> None:
    theirs, ours, defaults, row_mark = name(row[0]), name(row[2]), row[3], mark(row[4])
    assert theirs == NONE or theirs in agent_kube.RULES
    if row_mark == "missing":
        assert ours == NONE
        return
    assert ours in CHECK_RULES
    assert _rule_defaults(ours) == {defaults}
    assert (theirs == NONE) == (row_mark == "new")


def test_every_rule_has_a_row() -> None:
    assert {name(r[0]) for r in RULE_ROWS} - {NONE} == agent_kube.RULES
    assert {name(r[2]) for r in RULE_ROWS} - {NONE} == CHECK_RULES


@pytest.mark.parametrize("row", table("### Defaults that alert differently"), ids=lambda r: r[0])
def test_defaults_that_alert_differently(row: list[str]) -> None:
    rule, key = re.findall(r"`([^`]+)`", row[2])[:2]
    value = row[2].rsplit("`", 1)[1].strip()
    defaults = next(
        p.check_default_parameters for p in PLUGINS.values() if p.check_ruleset_name == rule
    )
    assert fmt_value(defaults[key]) == value


@pytest.mark.parametrize("row", table("## Special agent rule"), ids=lambda r: r[0])
def test_special_agent_row(row: list[str]) -> None:
    elements = RULES["rule_spec_kubemon"].parameter_form().elements
    option, row_mark = name(row[2]), mark(row[4])
    if row_mark == "missing" and option == NONE:
        return
    assert option in elements, f"the kubemon rule has no element {option}"


# --- the rows of agent_kube's switches, each against what the rule and the plug-ins do -------


def _row(option: str) -> list[str]:
    (row,) = [r for r in table("## Special agent rule") if name(r[2]) == option]
    return row


def _rule() -> Any:
    return RULES["rule_spec_kubemon"].parameter_form()


def test_monitored_objects_default_is_agent_kubes_all_but_pods_of_cronjobs() -> None:
    row = _row("monitored_objects")
    assert row[1] == row[3] == "all but Pods of CronJobs"
    form = _rule().elements["monitored_objects"].parameter_form
    choices = [e.name for e in form.elements]
    assert "cronjobs_pods" in choices
    assert list(form.prefill.value) == [c for c in choices if c != "cronjobs_pods"]


def test_import_annotations_offers_agent_kubes_three_choices() -> None:
    element = _rule().elements["import_annotations"]
    assert _row("import_annotations")[3] == "none" and not element.required
    assert [e.name for e in element.parameter_form.elements] == ["all", "matching"]


@pytest.mark.parametrize("option", ["allow_http", "kubelet_health"])
def test_opt_in_switches_are_off_unless_ticked(option: str) -> None:
    element = _rule().elements[option]
    assert _row(option)[3] == "off" and not element.required


def test_workload_pvc_and_kubelet_rows_are_discovered() -> None:
    discovered = _run_everything()[0]
    for kind in ("deployment", "daemonset", "statefulset"):
        row = [r for r in SERVICES if kind in hosts_of(r[0]) and r[2] == "PVC %s"]
        assert row and mark(row[0][4]) == "same", kind
    assert ("statefulset", "PVC %s") in discovered
    assert ("node", "Kubelet") in discovered
    kubelet = PLUGINS["kubemon_node_kubelet"]
    assert "kubemon_node_kubelet_health" in kubelet.sections

"""Prometheus query <name> and Custom metric <name>: the user's own values and levels."""

from collections.abc import Iterator, Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Result,
    Service,
    State,
    check_levels,
)


class Params(TypedDict):
    levels_upper: tuple[str, Any]
    levels_lower: tuple[str, Any]


DEFAULT_PARAMS: Params = {"levels_upper": ("no_levels", None), "levels_lower": ("no_levels", None)}


def _queries(section: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for query in section.get("queries") or []:
        yield query["name"], query


def _metrics(section: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for metric in section.get("metrics") or []:
        target = "/".join(p for p in (metric.get("namespace"), metric.get("object")) if p)
        yield (f"{metric['name']} {target}" if target else metric["name"]), metric


def _check(params: Params, entry: Mapping[str, Any], unit: str, metric_name: str) -> CheckResult:
    if entry.get("value") is None:
        yield Result(
            state=State.UNKNOWN,
            summary=f"No value: {entry.get('error') or 'the source returned nothing'}",
        )
        return
    suffix = f" {unit}" if unit else ""
    yield from check_levels(
        float(entry["value"]),
        levels_upper=params["levels_upper"],
        levels_lower=params["levels_lower"],
        metric_name=metric_name,
        render_func=lambda v: f"{v:.4g}{suffix}",
        label="Value",
    )
    if entry.get("query"):
        yield Result(state=State.OK, notice=f"Query: {entry['query']}")


def discover_kubemon_prometheus_query(section: Mapping[str, Any]) -> DiscoveryResult:
    for name, _ in _queries(section):
        yield Service(item=name)


def check_kubemon_prometheus_query(
    item: str,
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    for name, query in _queries(section):
        if name == item:
            yield from _check(params, query, query.get("unit") or "", "kubemon_query_value")


def discover_kubemon_custom_metric(section: Mapping[str, Any]) -> DiscoveryResult:
    for name, _ in _metrics(section):
        yield Service(item=name)


def check_kubemon_custom_metric(
    item: str,
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    for name, metric in _metrics(section):
        if name == item:
            yield from _check(params, metric, "", "kubemon_custom_metric_value")


check_plugin_kubemon_prometheus_query = CheckPlugin(
    name="kubemon_prometheus_query",
    service_name="Prometheus query %s",
    discovery_function=discover_kubemon_prometheus_query,
    check_function=check_kubemon_prometheus_query,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_prometheus_query",
)

check_plugin_kubemon_custom_metric = CheckPlugin(
    name="kubemon_custom_metric",
    service_name="Custom metric %s",
    sections=["kubemon_custom_metrics"],
    discovery_function=discover_kubemon_custom_metric,
    check_function=check_kubemon_custom_metric,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_custom_metric",
)

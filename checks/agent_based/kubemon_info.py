"""Info services: what the object is, one line, on every kind of kubemon host (no levels)."""

import time
from collections.abc import Callable, Mapping
from typing import Any

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Result,
    Service,
    State,
    render,
)

from cmk_addons.plugins.kubemon.lib.common import match_expressions_text, with_identity


def _age(now: float, created: float | None) -> str:
    return render.timespan(max(0.0, now - created)) if created is not None else "unknown"


def cluster_info(now: float, s: Mapping[str, Any]) -> list[str]:
    return [
        f"Name: {s.get('name')}",
        f"Version: {s.get('git_version')}",
        f"API server: {s.get('api_server')}",
        f"Platform: {s.get('platform')}",
    ]


def node_info(now: float, s: Mapping[str, Any]) -> list[str]:
    addresses = ", ".join(f"{a['type']} {a['address']}" for a in s.get("addresses") or [])
    taints = ", ".join(
        f"{t['key']}={t.get('value') or ''}:{t['effect']}" for t in s.get("taints") or []
    )
    return [
        f"Name: {s.get('name')}",
        f"Age: {_age(now, s.get('creation_timestamp'))}",
        f"Roles: {', '.join(s.get('roles') or []) or 'none'}",
        f"OS: {s.get('os_image')}",
        f"Kernel: {s.get('kernel_version')}",
        f"Architecture: {s.get('architecture')}",
        f"Container runtime: {s.get('container_runtime_version')}",
        f"Kubelet: {s.get('kubelet_version')}",
        f"Addresses: {addresses or 'none'}",
        f"Taints: {taints or 'none'}",
    ]


def namespace_info(now: float, s: Mapping[str, Any]) -> list[str]:
    return [
        f"Name: {s.get('name')}",
        f"Phase: {s.get('phase')}",
        f"Age: {_age(now, s.get('creation_timestamp'))}",
    ]


def pod_info(now: float, s: Mapping[str, Any]) -> list[str]:
    controllers = " <- ".join(
        f"{c['kind']} {c['name']}" for c in reversed(s.get("controllers") or [])
    )
    return [
        f"Name: {s.get('name')}",
        f"Namespace: {s.get('namespace')}",
        f"Node: {s.get('node') or 'not scheduled'}",
        f"Age: {_age(now, s.get('creation_timestamp'))}",
        f"QoS class: {s.get('qos_class')}",
        f"Controlled by: {controllers or 'nothing'}",
        f"Pod IP: {s.get('pod_ip')}",
        f"Restart policy: {s.get('restart_policy')}",
        f"UID: {s.get('uid')}",
    ]


def workload_info(now: float, s: Mapping[str, Any]) -> list[str]:
    strategy = (s.get("strategy") or {}).get("type")
    selector = [f"{k}={v}" for k, v in (s.get("selector") or {}).items()]
    if s.get("match_expressions"):
        selector.append(match_expressions_text(s["match_expressions"]))
    return [
        f"Name: {s.get('name')}",
        f"Kind: {s.get('kind')}",
        f"Namespace: {s.get('namespace')}",
        f"Age: {_age(now, s.get('creation_timestamp'))}",
        # One image per container: containers sharing an image would list it twice.
        f"Images: {', '.join(dict.fromkeys(s.get('images') or []))}",
        f"Strategy: {strategy}",
        f"Selector: {', '.join(selector)}",
    ]


def cronjob_info(now: float, s: Mapping[str, Any]) -> list[str]:
    return [
        f"Name: {s.get('name')}",
        f"Namespace: {s.get('namespace')}",
        f"Schedule: {s.get('schedule')}" + (f" ({s['timezone']})" if s.get("timezone") else ""),
        f"Suspended: {'yes' if s.get('suspend') else 'no'}",
        f"Concurrency policy: {s.get('concurrency_policy')}",
        f"Age: {_age(now, s.get('creation_timestamp'))}",
    ]


# The first lines of each form the summary; the rest go to the details.
SUMMARY_LINES = 2


def _check(
    now: float,
    lines_of: Callable[[float, Mapping[str, Any]], list[str]],
    section: Mapping[str, Any],
) -> CheckResult:
    lines = lines_of(now, section)
    for line in lines[:SUMMARY_LINES]:
        yield Result(state=State.OK, summary=line)
    for line in lines[SUMMARY_LINES:]:
        yield Result(state=State.OK, notice=line)


def _plugin(kind: str, lines_of: Callable[[float, Mapping[str, Any]], list[str]]) -> CheckPlugin:
    def discover(section: Mapping[str, Any]) -> DiscoveryResult:
        yield Service()

    def check(section: Mapping[str, Any]) -> CheckResult:
        yield from _check(time.time(), lines_of, section)

    return CheckPlugin(
        name=f"kubemon_{kind}_info",
        service_name="Info",
        discovery_function=discover,
        check_function=check,
    )


check_plugin_kubemon_cluster_info = _plugin("cluster", cluster_info)
check_plugin_kubemon_node_info = _plugin("node", node_info)
check_plugin_kubemon_namespace_info = _plugin("namespace", namespace_info)
def discover_kubemon_pod_info(
    section_kubemon_pod_info: Mapping[str, Any] | None,
    section_kubemon_object_labels: Mapping[str, Any] | None,
) -> DiscoveryResult:
    if section_kubemon_pod_info is not None:
        yield Service()


def check_kubemon_pod_info(
    section_kubemon_pod_info: Mapping[str, Any] | None,
    section_kubemon_object_labels: Mapping[str, Any] | None,
) -> CheckResult:
    if section_kubemon_pod_info is None:
        return
    section = with_identity(section_kubemon_pod_info, section_kubemon_object_labels)
    yield from _check(time.time(), pod_info, section)


check_plugin_kubemon_pod_info = CheckPlugin(
    name="kubemon_pod_info",
    service_name="Info",
    sections=["kubemon_pod_info", "kubemon_object_labels"],
    discovery_function=discover_kubemon_pod_info,
    check_function=check_kubemon_pod_info,
)
def discover_kubemon_workload_info(
    section_kubemon_workload_info: Mapping[str, Any] | None,
    section_kubemon_object_labels: Mapping[str, Any] | None,
) -> DiscoveryResult:
    if section_kubemon_workload_info is not None:
        yield Service()


def check_kubemon_workload_info(
    section_kubemon_workload_info: Mapping[str, Any] | None,
    section_kubemon_object_labels: Mapping[str, Any] | None,
) -> CheckResult:
    if section_kubemon_workload_info is None:
        return
    # kubemon_workload_info_v2 leaves the name and namespace to the host's labels.
    section = with_identity(section_kubemon_workload_info, section_kubemon_object_labels)
    yield from _check(time.time(), workload_info, section)


check_plugin_kubemon_workload_info = CheckPlugin(
    name="kubemon_workload_info",
    service_name="Info",
    sections=["kubemon_workload_info", "kubemon_object_labels"],
    discovery_function=discover_kubemon_workload_info,
    check_function=check_kubemon_workload_info,
)
check_plugin_kubemon_cronjob_info = _plugin("cronjob", cronjob_info)

"""CPU resources and Memory resources: usage vs requests, limits and allocatable, on every host.

A pod's host has no kubemon_{cpu,memory}_resources_v2: its requests and limits come from
kubemon_pod_containers_v2 (docs/sections.md).
"""

from collections.abc import Mapping
from typing import Any

from cmk.agent_based.v2 import CheckPlugin, CheckResult, DiscoveryResult, Service, render

from cmk_addons.plugins.kubemon.lib.common import cores
from cmk_addons.plugins.kubemon.lib.resources import (
    DEFAULT_PARAMS,
    Params,
    check_resources,
    pod_resources,
    usage,
)

Section = Mapping[str, Any] | None


def _object(labels: Section) -> str | None:
    return labels.get("object") if labels else None


def discover_kubemon_cpu_resources(
    section_kubemon_cpu_resources: Section,
    section_kubemon_node_usage: Section,
    section_kubemon_pod_usage: Section,
    section_kubemon_object_usage: Section,
    section_kubemon_object_labels: Section,
    section_kubemon_pod_containers: Section,
    section_kubemon_pod_info: Section,
) -> DiscoveryResult:
    if section_kubemon_cpu_resources is not None or section_kubemon_pod_containers is not None:
        yield Service()


def check_kubemon_cpu_resources(
    params: Params,
    section_kubemon_cpu_resources: Section,
    section_kubemon_node_usage: Section,
    section_kubemon_pod_usage: Section,
    section_kubemon_object_usage: Section,
    section_kubemon_object_labels: Section,
    section_kubemon_pod_containers: Section,
    section_kubemon_pod_info: Section,
) -> CheckResult:
    section = section_kubemon_cpu_resources or pod_resources(
        "cpu", section_kubemon_pod_containers, section_kubemon_pod_info
    )
    if section is None:
        return
    used = usage(
        "cpu",
        section_kubemon_node_usage,
        section_kubemon_pod_usage,
        section_kubemon_object_usage,
    )
    yield from check_resources(
        "cpu",
        params,
        section,
        used,
        cores,
        _object(section_kubemon_object_labels),
    )


def discover_kubemon_memory_resources(
    section_kubemon_memory_resources: Section,
    section_kubemon_node_usage: Section,
    section_kubemon_pod_usage: Section,
    section_kubemon_object_usage: Section,
    section_kubemon_object_labels: Section,
    section_kubemon_pod_containers: Section,
    section_kubemon_pod_info: Section,
) -> DiscoveryResult:
    if section_kubemon_memory_resources is not None or section_kubemon_pod_containers is not None:
        yield Service()


def check_kubemon_memory_resources(
    params: Params,
    section_kubemon_memory_resources: Section,
    section_kubemon_node_usage: Section,
    section_kubemon_pod_usage: Section,
    section_kubemon_object_usage: Section,
    section_kubemon_object_labels: Section,
    section_kubemon_pod_containers: Section,
    section_kubemon_pod_info: Section,
) -> CheckResult:
    section = section_kubemon_memory_resources or pod_resources(
        "memory", section_kubemon_pod_containers, section_kubemon_pod_info
    )
    if section is None:
        return
    used = usage(
        "memory",
        section_kubemon_node_usage,
        section_kubemon_pod_usage,
        section_kubemon_object_usage,
    )
    yield from check_resources(
        "memory",
        params,
        section,
        used,
        render.bytes,
        _object(section_kubemon_object_labels),
    )


_USAGE = [
    "kubemon_node_usage",
    "kubemon_pod_usage",
    "kubemon_object_usage",
    "kubemon_object_labels",
    "kubemon_pod_containers",
    "kubemon_pod_info",
]

check_plugin_kubemon_cpu_resources = CheckPlugin(
    name="kubemon_cpu_resources",
    service_name="CPU resources",
    sections=["kubemon_cpu_resources", *_USAGE],
    discovery_function=discover_kubemon_cpu_resources,
    check_function=check_kubemon_cpu_resources,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cpu_resources",
)

check_plugin_kubemon_memory_resources = CheckPlugin(
    name="kubemon_memory_resources",
    service_name="Memory resources",
    sections=["kubemon_memory_resources", *_USAGE],
    discovery_function=discover_kubemon_memory_resources,
    check_function=check_kubemon_memory_resources,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_memory_resources",
)

"""Storage: PersistentVolumes by phase and the storage classes of the cluster."""

from collections import Counter
from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Metric,
    Result,
    Service,
    State,
    render,
)

# PV phases: Available and Bound are healthy, Pending waits for a provisioner; a Released
# volume keeps its data after its claim went away (reclaim policy Retain), a Failed one
# could not be reclaimed automatically.


class Params(TypedDict):
    failed_state: int
    released_state: int


DEFAULT_PARAMS: Params = {"failed_state": 2, "released_state": 1}


def discover_kubemon_cluster_storage(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def check_kubemon_cluster_storage(params: Params, section: Mapping[str, Any]) -> CheckResult:
    volumes = section.get("volumes") or []
    phases = Counter(v.get("phase") or "Unknown" for v in volumes)
    by_phase = ", ".join(f"{phase}: {count}" for phase, count in sorted(phases.items()))
    yield Result(
        state=State.OK,
        summary=f"Volumes: {len(volumes)}" + (f" ({by_phase})" if volumes else ""),
    )
    capacity = sum(v.get("capacity_bytes") or 0 for v in volumes)
    yield Result(state=State.OK, summary=f"Capacity: {render.bytes(capacity)}")
    yield Metric("kubemon_pv_capacity", capacity)
    for phase, state in (
        ("Failed", params["failed_state"]),
        ("Released", params["released_state"]),
    ):
        for volume in sorted(
            (v for v in volumes if v.get("phase") == phase), key=lambda v: v["name"]
        ):
            claim = f", was claimed by {volume['claim']}" if volume.get("claim") else ""
            yield Result(state=State(state), summary=f"Volume {volume['name']} is {phase}{claim}")
    classes = section.get("storage_classes") or []
    defaults = sorted(c["name"] for c in classes if c.get("default"))
    text = f"Storage classes: {len(classes)}, default: {', '.join(defaults) or 'none'}"
    yield Result(state=State.OK, notice=text)


check_plugin_kubemon_cluster_storage = CheckPlugin(
    name="kubemon_cluster_storage",
    service_name="Storage",
    discovery_function=discover_kubemon_cluster_storage,
    check_function=check_kubemon_cluster_storage,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cluster_storage",
)

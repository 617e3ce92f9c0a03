"""PVC <claim>: phase of each PersistentVolumeClaim a pod mounts, and its filesystem usage."""

import time
from collections.abc import Mapping, MutableMapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Result,
    Service,
    State,
    check_levels,
    get_value_store,
    render,
)

from cmk_addons.plugins.kubemon.lib.common import seconds_in_state
from cmk_addons.plugins.kubemon.lib.filesystem import check_filesystem


class Params(TypedDict, total=False):
    pending_duration: tuple[str, Any]
    lost_state: int
    used_percent: tuple[str, Any]
    free_percent: tuple[str, Any]
    free_mib: tuple[str, Any]
    magic: Mapping[str, float]
    trend: Mapping[str, Any]


# Filesystem levels as Checkmk's df default (80/90 % used); magic factor and trend only when the
# rule sets them (lib/filesystem.py).
DEFAULT_PARAMS: Params = {
    "pending_duration": ("fixed", (300.0, 600.0)),
    "lost_state": 2,
    "used_percent": ("fixed", (80.0, 90.0)),
    "free_percent": ("no_levels", None),
    "free_mib": ("no_levels", None),
}

Section = Mapping[str, Any] | None


def discover_kubemon_pod_pvcs(
    section_kubemon_pod_pvcs: Section,
    section_kubemon_pvc_usage: Section,
) -> DiscoveryResult:
    for claim in (section_kubemon_pod_pvcs or {}).get("claims") or []:
        yield Service(item=claim["name"])


def _phase(
    now: float,
    value_store: MutableMapping[str, Any],
    params: Params,
    claim: Mapping[str, Any],
) -> CheckResult:
    phase = claim.get("phase")
    since = seconds_in_state(value_store, "phase", str(phase), now)
    if phase is None:
        yield Result(
            state=State.CRIT,
            summary="Claim does not exist - the pod cannot start until it is created",
        )
    elif phase == "Lost":
        yield Result(
            state=State(params["lost_state"]),
            summary=f"Status: Lost (volume {claim.get('volume_name')} is gone)",
        )
    elif phase == "Pending":
        yield Result(state=State.OK, summary="Status: Pending")
        yield from check_levels(
            since, levels_upper=params[
                "pending_duration"
            ], render_func=render.timespan, label="Pending for"
        )
    else:
        yield Result(state=State.OK, summary=f"Status: {phase}")


def _usage(
    now: float,
    value_store: MutableMapping[str, Any],
    params: Params,
    usage: Mapping[str, Any],
) -> CheckResult:
    """df semantics: used is capacity minus available (reserved blocks count as used)."""
    capacity = usage.get("capacity_bytes")
    if not capacity:
        return
    if usage.get("available_bytes") is not None:
        used = max(capacity - usage["available_bytes"], 0)
    elif usage.get("used_bytes") is not None:
        used = usage["used_bytes"]
    else:
        return
    yield from check_filesystem(params, used, capacity, "kubemon_pvc", value_store, now)


def _check(
    now: float,
    value_store: MutableMapping[str, Any],
    item: str,
    params: Params,
    pvcs: Section,
    usage: Section,
) -> CheckResult:
    claim = next((c for c in (pvcs or {}).get("claims") or [] if c["name"] == item), None)
    if claim is None:
        return
    yield from _phase(now, value_store, params, claim)
    volume_usage = ((usage or {}).get("claims") or {}).get(item)
    if volume_usage:
        # The trend counts on the sample's own clock when the source gives it.
        sampled = (usage or {}).get("timestamp") or now
        yield from _usage(sampled, value_store, params, volume_usage)
    elif claim.get("capacity_bytes") is not None:
        yield Result(state=State.OK, summary=f"Capacity: {render.bytes(claim['capacity_bytes'])}")
    facts = [
        f"{label}: {value}"
        for label, value in (
            ("Storage class", claim.get("storage_class")),
            ("Access modes", ", ".join(claim.get("access_modes") or [])),
            ("Volume", claim.get("volume_name")),
        )
        if value
    ]
    if facts:
        yield Result(state=State.OK, notice="; ".join(facts))


def check_kubemon_pod_pvcs(
    item: str,
    params: Params,
    section_kubemon_pod_pvcs: Section,
    section_kubemon_pvc_usage: Section,
) -> CheckResult:
    yield from _check(
        time.time(),
        get_value_store(),
        item,
        params,
        section_kubemon_pod_pvcs,
        section_kubemon_pvc_usage,
    )


check_plugin_kubemon_pod_pvcs = CheckPlugin(
    name="kubemon_pod_pvcs",
    service_name="PVC %s",
    sections=["kubemon_pod_pvcs", "kubemon_pvc_usage"],
    discovery_function=discover_kubemon_pod_pvcs,
    check_function=check_kubemon_pod_pvcs,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_pvcs",
)

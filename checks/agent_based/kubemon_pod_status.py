"""Status of a pod: the kubectl STATUS text, and how long the pod has shown it."""

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

# "Completed" is what kubectl shows for a Succeeded pod whose containers exited 0.
HEALTHY = frozenset({"Running", "Succeeded", "Completed"})


class Params(TypedDict):
    crit_statuses: list[str]
    other_duration: tuple[str, Any]


# These statuses never heal by waiting: the container keeps crashing, or its image cannot
# be pulled, so they are CRIT at once. Every other status (Pending, ContainerCreating,
# Init:0/1, Terminating, ...) is normal for a short while.
DEFAULT_PARAMS: Params = {
    "crit_statuses": ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "OOMKilled", "Error"],
    "other_duration": ("fixed", (300.0, 600.0)),
}


def discover_kubemon_pod_status(section: Mapping[str, Any]) -> DiscoveryResult:
    yield Service()


def _check(
    now: float,
    value_store: MutableMapping[str, Any],
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    status = section.get("status") or section.get("phase") or "Unknown"
    since = seconds_in_state(value_store, "status", status, now)
    # A pod is Pending from its creation until scheduled and its containers start, so its age
    # bounds the time in Pending even before this site first saw it (agent_kube counts only
    # from when it first saw the pod Pending).
    created = section.get("creation_timestamp")
    if status == "Pending" and created is not None:
        since = max(since, now - created)
    reason = f" ({section['reason']}: {section.get('message')})" if section.get("reason") else ""
    # "Completed" in phase Running: a container of a restartPolicy Always pod exited 0 and
    # will be restarted (recorded on minikube v1.35); healthy only while that is short.
    if status in HEALTHY and not (status == "Completed" and section.get("phase") == "Running"):
        yield Result(state=State.OK, summary=f"{status}{reason}")
        return
    # "Seen for" counts from when this site first saw the status: on that first sight it knows
    # nothing of how long the pod has been so, and "0 seconds" beside a condition "for: 1 day"
    # would say something false. The line appears from the next check on.
    if status in params["crit_statuses"]:
        yield Result(state=State.CRIT, summary=f"{status}{reason}")
        if since > 0:
            yield from check_levels(since, render_func=render.timespan, label="Seen for")
        return
    yield Result(state=State.OK, summary=f"{status}{reason}")
    if since > 0:
        yield from check_levels(
            since,
            levels_upper=params["other_duration"],
            render_func=render.timespan,
            label="Seen for",
        )


def check_kubemon_pod_status(params: Params, section: Mapping[str, Any]) -> CheckResult:
    yield from _check(time.time(), get_value_store(), params, section)


check_plugin_kubemon_pod_status = CheckPlugin(
    name="kubemon_pod_status",
    service_name="Status",
    sections=["kubemon_pod_info"],
    discovery_function=discover_kubemon_pod_status,
    check_function=check_kubemon_pod_status,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_status",
)

"""Container <name>: state, last termination (OOMKilled included) and restarts of one container."""

import time
from collections.abc import Mapping
from typing import Any, TypedDict

from cmk.agent_based.v2 import (
    CheckPlugin,
    CheckResult,
    DiscoveryResult,
    Result,
    Service,
    State,
    render,
)

# Waiting reasons that do not heal by waiting; ContainerCreating or PodInitializing do.
BROKEN_WAITING = frozenset(
    {
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "CreateContainerConfigError",
        "InvalidImageName",
        "CreateContainerError",
        "RunContainerError",
    }
)


class Params(TypedDict):
    failed_state: int
    broken_waiting_state: int
    last_oom_state: int


DEFAULT_PARAMS: Params = {"failed_state": 2, "broken_waiting_state": 2, "last_oom_state": 1}


def discover_kubemon_pod_containers(section: Mapping[str, Any]) -> DiscoveryResult:
    for container in section.get("containers") or []:
        if not container.get("init"):
            yield Service(item=container["name"])


def _state(now: float, params: Params, state: Mapping[str, Any]) -> CheckResult:
    kind = state.get("type")
    if kind == "running":
        since = f" for {render.timespan(max(0.0, now - state['started_at']))}" if state.get(
            "started_at",
        ) else ""
        yield Result(state=State.OK, summary=f"Running{since}")
    elif kind == "waiting":
        broken = state.get("reason") in BROKEN_WAITING
        yield Result(
            state=State(params["broken_waiting_state"]) if broken else State.OK,
            summary=f"Waiting: {state.get('reason') or 'no reason'}",
            details=f"Waiting: {state.get('reason') or 'no reason'}: "
            f"{state.get('message') or 'no message'}",
        )
    elif kind == "terminated":
        code = state.get("exit_code")
        yield Result(
            state=State.OK if code == 0 else State(params["failed_state"]),
            summary=f"Terminated: {state.get('reason') or 'no reason'} (exit code {code})",
        )


def _check(now: float, item: str, params: Params, section: Mapping[str, Any]) -> CheckResult:
    container = next(
        (c for c in section.get("containers") or [] if c["name"] == item and not c.get("init")),
        None,
    )
    if container is None:
        return
    if container.get("state") is None:
        # An unscheduled pod's containers have no status at all yet (state null).
        yield Result(state=State.OK, summary="Not created yet")
    else:
        yield from _state(now, params, container["state"])
    last = container.get("last_state")
    if last and last.get("type") == "terminated":
        reason = last.get("reason") or "no reason"
        yield Result(
            state=State(params["last_oom_state"]) if reason == "OOMKilled" else State.OK,
            summary=f"Last termination: {reason} (exit code {last.get('exit_code')})",
        )
    yield Result(state=State.OK, summary=f"Restarts: {container.get('restart_count') or 0}")
    yield Result(
        state=State.OK,
        notice=f"Image: {container.get('image')}, "
        f"ready: {'yes' if container.get('ready') else 'no'}",
    )


def check_kubemon_pod_containers(
    item: str,
    params: Params,
    section: Mapping[str, Any],
) -> CheckResult:
    yield from _check(time.time(), item, params, section)


check_plugin_kubemon_pod_containers = CheckPlugin(
    name="kubemon_pod_containers",
    service_name="Container %s",
    discovery_function=discover_kubemon_pod_containers,
    check_function=check_kubemon_pod_containers,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_pod_containers",
)

"""Kubernetes API: /livez and /readyz, the version and its support, the API server certificate."""

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
    check_levels,
    render,
)

# Kubernetes minors the agent is tested against; kubemon_cluster_info_v1 carries `supported`.
SUPPORTED = "1.29 to 1.36"


class Params(TypedDict):
    certificate_validity: tuple[str, Any]


DEFAULT_PARAMS: Params = {"certificate_validity": ("fixed", (7 * 86400.0, 86400.0))}


def discover_kubemon_cluster_api(
    section_kubemon_cluster_api: Mapping[str, Any] | None,
    section_kubemon_cluster_info: Mapping[str, Any] | None,
) -> DiscoveryResult:
    if section_kubemon_cluster_api is not None:
        yield Service()


def _probe(name: str, probe: Mapping[str, Any] | None) -> CheckResult:
    code = (probe or {}).get("status_code")
    if code == 200:
        yield Result(state=State.OK, summary=name)
        return
    body = ((probe or {}).get("body") or "").strip() or "no response body"
    shown = f"HTTP {code}" if code is not None else "no answer"
    yield Result(
        state=State.CRIT,
        summary=f"Not {name.lower()} ({shown})",
        details=f"{name}: {shown}\n{body}",
    )


def _check(
    now: float,
    params: Params,
    api: Mapping[str, Any] | None,
    info: Mapping[str, Any] | None,
) -> CheckResult:
    if api is not None:
        yield from _probe("Live", api.get("live"))
        yield from _probe("Ready", api.get("ready"))
    if info is not None:
        yield Result(state=State.OK, summary=f"Version: {info.get('git_version')}")
        if info.get("supported") is False:
            yield Result(
                state=State.WARN,
                summary=f"Kubernetes {info.get('major')}.{info.get('minor')} is not supported "
                f"(supported: {SUPPORTED})",
            )
    certificate = (api or {}).get("certificate")
    if certificate and certificate.get("not_after") is not None:
        left = certificate["not_after"] - now
        if left <= 0:
            yield Result(
                state=State.CRIT,
                summary=f"API server certificate expired {render.timespan(-left)} ago",
            )
        else:
            yield from check_levels(
                left,
                levels_lower=params["certificate_validity"],
                render_func=render.timespan,
                label="Certificate expires in",
            )
        yield Result(
            state=State.OK,
            notice=f"Certificate subject: {certificate.get('subject')}, "
            f"issuer: {certificate.get('issuer')}",
        )


def check_kubemon_cluster_api(
    params: Params,
    section_kubemon_cluster_api: Mapping[str, Any] | None,
    section_kubemon_cluster_info: Mapping[str, Any] | None,
) -> CheckResult:
    yield from _check(
        time.time(),
        params,
        section_kubemon_cluster_api,
        section_kubemon_cluster_info,
    )


check_plugin_kubemon_cluster_api = CheckPlugin(
    name="kubemon_cluster_api",
    service_name="Kubernetes API",
    sections=["kubemon_cluster_api", "kubemon_cluster_info"],
    discovery_function=discover_kubemon_cluster_api,
    check_function=check_kubemon_cluster_api,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cluster_api",
)

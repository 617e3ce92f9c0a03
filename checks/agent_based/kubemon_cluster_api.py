"""Kubernetes API: can the agent read the cluster at all; /livez and /readyz, the version and its
support, the API server certificate and whether it was verified."""

import time
from collections import Counter
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

from cmk_addons.plugins.kubemon.lib.common import failure_reason, fix_text

# Kubernetes minors the agent is tested against; kubemon_cluster_info_v1 carries `supported`.
SUPPORTED = "1.29 to 1.36"


class Params(TypedDict):
    certificate_validity: tuple[str, Any]


DEFAULT_PARAMS: Params = {"certificate_validity": ("fixed", (7 * 86400.0, 86400.0))}


# What an admin reads first, by the `kind` of the failure that stopped every Kubernetes source.
HEADLINES = {
    "connect": "API server unreachable",
    "dns": "API server unreachable",
    "timeout": "API server does not answer",
    "deadline": "API server does not answer",
    "tls": "API server not trusted",
    "plain-http": "API server not trusted",
    "unauthorized": "Token rejected",
    "forbidden": "Token may read nothing",
    "server-error": "API server failing",
    "not-found": "Not a Kubernetes API server",
    "redirect": "Not a Kubernetes API server",
    "unexpected-response": "Not a Kubernetes API server",
}
# Plain-text probes: any HTTP status is an answer, so they never tell that the cluster is readable.
PROBES = ("kube/livez", "kube/readyz")


def discover_kubemon_cluster_api(
    section_kubemon_cluster_api: Mapping[str, Any] | None,
    section_kubemon_cluster_info: Mapping[str, Any] | None,
    section_kubemon_agent_status: Mapping[str, Any] | None,
) -> DiscoveryResult:
    # The status section is always written, so the service exists before the cluster ever answered.
    if section_kubemon_cluster_api is not None or section_kubemon_agent_status is not None:
        yield Service()


def unreadable(status: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The failure that stopped every Kubernetes source, or None if any of them answered.

    The most frequent kind wins; a deadline only follows the real cause, so it comes last.
    """
    kube = [
        s
        for s in (status or {}).get("sources") or []
        if str(s.get("source", "")).startswith("kube/")
        and s.get("source") not in PROBES
        and s.get("state") != "skipped"
    ]
    if not kube or any(s.get("state") != "failed" for s in kube):
        return None
    counts = Counter(s.get("kind") or "other" for s in kube)
    kind = min(counts, key=lambda k: (k == "deadline", -counts[k]))
    return next(s for s in kube if (s.get("kind") or "other") == kind)


def _cannot_read(failure: Mapping[str, Any], status: Mapping[str, Any]) -> Result:
    headline = HEADLINES.get(failure.get("kind") or "", "Cannot read the cluster")
    return Result(
        state=State.CRIT,
        summary=f"{headline}: {failure_reason(failure)}{fix_text(failure)}",
        details=f"Every Kubernetes source of the agent run failed ({status.get('cluster')}); "
        "the \"Agent status\" service lists them.",
    )


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
    status: Mapping[str, Any] | None = None,
) -> CheckResult:
    failure = unreadable(status)
    if status is not None and failure is not None:
        yield _cannot_read(failure, status)
        return
    if str((info or {}).get("api_server") or "").startswith("http://"):
        yield Result(
            state=State.WARN,
            summary="Plain http:// (--allow-http): the token travels in clear - fix: reach the "
            "API server over https:// (docs/troubleshooting.md#allow-http)",
        )
    if (status or {}).get("no_cert_check"):
        yield Result(
            state=State.WARN,
            summary="Certificate not verified (--no-cert-check): anyone on the path can take the "
            "token - fix: put the cluster CA into the rule (docs/troubleshooting.md#no-cert-check)",
        )
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
    section_kubemon_agent_status: Mapping[str, Any] | None,
) -> CheckResult:
    yield from _check(
        time.time(),
        params,
        section_kubemon_cluster_api,
        section_kubemon_cluster_info,
        section_kubemon_agent_status,
    )


check_plugin_kubemon_cluster_api = CheckPlugin(
    name="kubemon_cluster_api",
    service_name="Kubernetes API",
    sections=["kubemon_cluster_api", "kubemon_cluster_info", "kubemon_agent_status"],
    discovery_function=discover_kubemon_cluster_api,
    check_function=check_kubemon_cluster_api,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cluster_api",
)

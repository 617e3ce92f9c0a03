"""Standalone Jobs (no CronJob owns them) of the cluster and of each namespace: counts by status,
each failed Job with its reason, Jobs running too long, time since the newest success."""

import time
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
    check_levels,
    render,
)

Section = Mapping[str, Any]

# The order of kubemon_jobs_v1's `counts`.
STATUSES = ("Complete", "Failed", "Running", "Pending", "Suspended")


class Params(TypedDict):
    failed_state: int
    running_duration: tuple[str, Any]
    since_success: tuple[str, Any]


DEFAULT_PARAMS: Params = {
    "failed_state": 1,
    "running_duration": ("no_levels", None),
    "since_success": ("no_levels", None),
}


def _counts_of(section: Section) -> dict[str, int]:
    return {s: (section.get("counts") or {}).get(s) or 0 for s in STATUSES}


def _jobs_of(section: Section) -> list[Mapping[str, Any]]:
    return [j for j in section.get("jobs") or [] if isinstance(j, Mapping)]


def discover_kubemon_jobs(section: Section) -> DiscoveryResult:
    # Most namespaces never run a Job by hand; a service only where there is (or was) one.
    if sum(_counts_of(section).values()):
        yield Service()


def _name(job: Mapping[str, Any]) -> str:
    return f"{job.get('namespace')}/{job.get('name')}"


def _counts(counts: Mapping[str, int], listed: int) -> CheckResult:
    total = sum(counts.values())
    parts = ", ".join(f"{s} {counts[s]}" for s in STATUSES if counts[s])
    yield Result(state=State.OK, summary=f"Jobs: {total} ({parts})")
    if total > listed:
        yield Result(state=State.OK, notice=f"Details of the newest {listed} of {total} jobs")
    yield Metric("kubemon_jobs_running", counts["Running"])
    yield Metric("kubemon_jobs_failed", counts["Failed"])


def _failed(params: Params, jobs: list[Mapping[str, Any]], failed_total: int) -> CheckResult:
    state = State(params["failed_state"])
    failed = [j for j in jobs if j.get("status") == "Failed"]
    for job in failed:
        reason = f" ({job['failure_reason']})" if job.get("failure_reason") else ""
        yield Result(state=state, summary=f"Failed: {_name(job)}{reason}")
    if failed_total > len(failed):
        yield Result(
            state=state,
            summary=f"{failed_total - len(failed)} older failed jobs not listed",
        )


def _check(now: float, params: Params, section: Section) -> CheckResult:
    jobs, counts = _jobs_of(section), _counts_of(section)
    yield from _counts(counts, len(jobs))
    yield from _failed(params, jobs, counts["Failed"])
    for job in jobs:
        if job.get("status") == "Running" and job.get("start_time") is not None:
            yield from check_levels(
                max(0.0, now - job["start_time"]),
                levels_upper=params["running_duration"],
                render_func=render.timespan,
                label=f"{_name(job)} running for",
                notice_only=True,
            )
    done = [
        j["completion_time"]
        for j in jobs
        if j.get("status") == "Complete" and j.get("completion_time") is not None
    ]
    if done:
        yield from check_levels(
            max(0.0, now - max(done)),
            levels_upper=params["since_success"],
            metric_name="kubemon_jobs_since_success",
            render_func=render.timespan,
            label="Last success",
        )


def check_kubemon_jobs(params: Params, section: Section) -> CheckResult:
    yield from _check(time.time(), params, section)


check_plugin_kubemon_jobs = CheckPlugin(
    name="kubemon_jobs",
    service_name="Jobs",
    sections=["kubemon_jobs"],
    discovery_function=discover_kubemon_jobs,
    check_function=check_kubemon_jobs,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_jobs",
)

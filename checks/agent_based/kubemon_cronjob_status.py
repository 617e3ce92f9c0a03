"""Status of a CronJob: its latest Job, time since the last success and schedule, long runs,
failed and active Jobs."""

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

Section = Mapping[str, Any] | None


class Params(TypedDict):
    failed_state: int
    since_success: tuple[str, Any]
    running_duration: tuple[str, Any]
    pending_duration: tuple[str, Any]
    failed_jobs: tuple[str, Any]
    since_schedule: tuple[str, Any]


DEFAULT_PARAMS: Params = {
    "failed_state": 2,
    "since_success": ("no_levels", None),
    "running_duration": ("no_levels", None),
    "pending_duration": ("fixed", (300.0, 600.0)),
    "failed_jobs": ("no_levels", None),
    "since_schedule": ("no_levels", None),
}


def discover_kubemon_cronjob_status(
    section_kubemon_cronjob_info: Section,
    section_kubemon_cronjob_jobs: Section,
) -> DiscoveryResult:
    if section_kubemon_cronjob_info is not None:
        yield Service()


def _latest(now: float, params: Params, job: Mapping[str, Any]) -> CheckResult:
    status = job.get("status")
    if status == "Failed":
        reason = f" ({job['failure_reason']})" if job.get("failure_reason") else ""
        yield Result(state=State(params["failed_state"]), summary=f"Latest job: Failed{reason}")
    elif status in ("Running", "Pending"):
        yield Result(state=State.OK, summary=f"Latest job: {status}")
        started = job.get("start_time") if status == "Running" else job.get("creation_timestamp")
        if started is not None:
            levels = params["running_duration"] if status == "Running" else params[
                "pending_duration"
            ]
            yield from check_levels(
                max(0.0, now - started),
                levels_upper=levels,
                render_func=render.timespan,
                label=f"{status} for",
            )
    else:
        yield Result(state=State.OK, summary=f"Latest job: {status}")
        if job.get("start_time") is not None and job.get("completion_time") is not None:
            yield Result(
                state=State.OK,
                notice=f"Duration: {render.timespan(job['completion_time'] - job['start_time'])}",
            )


def _check(now: float, params: Params, info: Section, jobs_section: Section) -> CheckResult:
    if info is None:
        return
    if info.get("suspend"):
        yield Result(state=State.OK, summary="Suspended")
    jobs = (jobs_section or {}).get("jobs") or []
    if jobs:
        yield from _latest(now, params, jobs[0])
    else:
        yield Result(state=State.OK, summary="No jobs yet")
    if info.get("last_successful_time") is not None:
        since = max(0.0, now - info["last_successful_time"])
        yield from check_levels(
            since,
            levels_upper=params["since_success"],
            render_func=render.timespan,
            label="Last success",
        )
        yield Metric("kube_cron_job_status_since_completion", since)
    if info.get("last_schedule_time") is not None:
        # agent_kube's "Time since last schedule": a CronJob whose schedule stopped firing
        # (suspended, controller down, missed deadlines) shows here first.
        scheduled = max(0.0, now - info["last_schedule_time"])
        yield from check_levels(
            scheduled,
            levels_upper=params["since_schedule"],
            metric_name="kube_cron_job_status_since_schedule",
            render_func=render.timespan,
            label="Last schedule",
        )
    failed = sum(1 for j in jobs if j.get("status") == "Failed")
    yield from check_levels(
        failed,
        levels_upper=params["failed_jobs"],
        metric_name="kubemon_cronjob_failed_jobs",
        render_func=lambda v: str(int(v)),
        label="Failed jobs kept",
    )
    active = info.get("active") or 0
    yield Result(state=State.OK, notice=f"Active jobs: {active}")
    yield Metric("kube_cron_job_status_active", active)


def check_kubemon_cronjob_status(
    params: Params,
    section_kubemon_cronjob_info: Section,
    section_kubemon_cronjob_jobs: Section,
) -> CheckResult:
    yield from _check(
        time.time(),
        params,
        section_kubemon_cronjob_info,
        section_kubemon_cronjob_jobs,
    )


check_plugin_kubemon_cronjob_status = CheckPlugin(
    name="kubemon_cronjob_status",
    service_name="Status",
    sections=["kubemon_cronjob_info", "kubemon_cronjob_jobs"],
    discovery_function=discover_kubemon_cronjob_status,
    check_function=check_kubemon_cronjob_status,
    check_default_parameters=dict(DEFAULT_PARAMS),
    check_ruleset_name="kubemon_cronjob_status",
)

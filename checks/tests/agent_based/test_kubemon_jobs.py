"""The Jobs service of the cluster and namespace hosts (kubemon_jobs_v1)."""

import copy
from typing import Any

import pytest
from kubemon_golden import check, discovered, golden_hosts
from kubemon_scenarios import NOW, quirk

from cmk.agent_based.v2 import Metric, Result, Service, State
from cmk_addons.plugins.kubemon.agent_based import kubemon_jobs

OK, WARN, CRIT = State.OK, State.WARN, State.CRIT
DEFAULTS = kubemon_jobs.DEFAULT_PARAMS


def _job(name: str, status: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "namespace": "ci", "status": status, **fields}


def _section(jobs: list[dict[str, Any]], **counts: int) -> dict[str, Any]:
    return {"jobs": jobs, "counts": {s: counts.get(s, 0) for s in kubemon_jobs.STATUSES}}


def test_doc_example(examples: dict[str, Any]) -> None:
    # db-migrate gave up after backoffLimit 2 (3 failed pods); reindex finished at NOW - 1539 s.
    assert list(kubemon_jobs._check(NOW, DEFAULTS, examples["kubemon_jobs"])) == [
        Result(state=OK, summary="Jobs: 2 (Complete 1, Failed 1)"),
        Metric("kubemon_jobs_running", 0),
        Metric("kubemon_jobs_failed", 1),
        Result(state=WARN, summary="Failed: shop/db-migrate (BackoffLimitExceeded)"),
        Result(state=OK, summary="Last success: 25 minutes 39 seconds"),
        Metric("kubemon_jobs_since_success", 1539.0),
    ]


def test_k3s_helm_install_jobs_are_standalone(monkeypatch: pytest.MonkeyPatch) -> None:
    # The recorded k3s bundle has the pods of helm-install-traefik(-crd) (owned by Jobs that a
    # HelmChart, not a CronJob, owns) but no Job list; the quirk file is the section the agent
    # writes for those two Jobs, times taken from their pods.
    hosts = golden_hosts("k3s-v1.33.4-troubleshoot", "k3s")
    host = hosts["namespace_k3s_kube-system"]
    assert "Jobs" not in discovered(host)  # the golden run served an empty Job list
    host.update(quirk("jobs_k3s_helm_install_standalone"))
    assert "Jobs" in discovered(host)
    # The recording's moment (test_golden_k3s.NOW): 855 s after helm-install-traefik finished.
    assert check(monkeypatch, "kubemon_jobs", host, 1757624079.0) == [
        Result(state=OK, summary="Jobs: 2 (Complete 2)"),
        Metric("kubemon_jobs_running", 0),
        Metric("kubemon_jobs_failed", 0),
        Result(state=OK, summary="Last success: 14 minutes 15 seconds"),
        Metric("kubemon_jobs_since_success", 855.0),
    ]


def test_running_too_long_older_failures_and_a_crit_rule() -> None:
    section = _section(
        [
            _job("nightly-etl", "Running", start_time=NOW - 7500),
            _job("smoke", "Running", start_time=NOW - 60),
            _job("deploy-42", "Failed", failure_reason="DeadlineExceeded"),
            _job("deploy-41", "Complete", completion_time=None),
        ],
        Running=2,
        Failed=3,
        Complete=60,
    )
    params = {**DEFAULTS, "failed_state": 2, "running_duration": ("fixed", (3600.0, 7200.0))}
    assert list(kubemon_jobs._check(NOW, params, section)) == [
        Result(state=OK, summary="Jobs: 65 (Complete 60, Failed 3, Running 2)"),
        Result(state=OK, notice="Details of the newest 4 of 65 jobs"),
        Metric("kubemon_jobs_running", 2),
        Metric("kubemon_jobs_failed", 3),
        Result(state=CRIT, summary="Failed: ci/deploy-42 (DeadlineExceeded)"),
        Result(state=CRIT, summary="2 older failed jobs not listed"),
        Result(
            state=CRIT,
            summary="ci/nightly-etl running for: 2 hours 5 minutes "
            "(warn/crit at 1 hour 0 minutes/2 hours 0 minutes)",
        ),
        Result(state=OK, notice="ci/smoke running for: 1 minute 0 seconds"),
    ]


def test_since_success_levels_and_discovery() -> None:
    section = _section([_job("once", "Complete", completion_time=NOW - 90000)], Complete=1)
    params = {**DEFAULTS, "since_success": ("fixed", (86400.0, 172800.0))}
    assert list(kubemon_jobs._check(NOW, params, section))[-2:] == [
        Result(
            state=WARN,
            summary="Last success: 1 day 1 hour (warn/crit at 1 day 0 hours/2 days 0 hours)",
        ),
        Metric("kubemon_jobs_since_success", 90000.0, levels=(86400.0, 172800.0)),
    ]
    assert list(kubemon_jobs.discover_kubemon_jobs(section)) == [Service()]
    assert list(kubemon_jobs.discover_kubemon_jobs(_section([]))) == []


def test_a_null_field_costs_only_its_text(examples: dict[str, Any]) -> None:
    example = examples["kubemon_jobs"]
    paths = [(k,) for k in example] + [("counts", k) for k in example["counts"]]
    paths += [("jobs", 0, k) for k in example["jobs"][0]]
    for path in paths:
        nulled = copy.deepcopy(example)
        target = nulled
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = None
        assert list(kubemon_jobs._check(NOW, DEFAULTS, nulled)), path

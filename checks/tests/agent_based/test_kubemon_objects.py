"""Namespace, workload and CronJob hosts, user metrics, Info services and host labels."""

from typing import Any

import pytest
from kubemon_scenarios import NOW, quirk

from cmk.agent_based.v2 import HostLabel, Metric, Result, Service, State
from cmk_addons.plugins.kubemon.agent_based import (
    kubemon_conditions,
    kubemon_cronjob_status,
    kubemon_info,
    kubemon_object_labels,
    kubemon_resource_quotas,
    kubemon_user_metrics,
    kubemon_workload_replicas,
)
from cmk_addons.plugins.kubemon.lib.common import with_identity

FIVE_TEN = "(warn/crit at 5 minutes 0 seconds/10 minutes 0 seconds)"
USAGE = quirk("usage_prometheus")


def test_resource_quotas(examples: dict[str, Any]) -> None:
    section, params = examples["kubemon_resource_quotas"], kubemon_resource_quotas.DEFAULT_PARAMS
    assert list(kubemon_resource_quotas.check_kubemon_resource_quota_cpu(params, section)) == [
        Result(state=State.OK, summary="compute Requests used (0.35 cores of 2 cores): 17.50%"),
        Metric("kubemon_quota_cpu_request_percent", 17.5, levels=(80.0, 90.0)),
        Result(state=State.OK, summary="compute Limits used (1 core of 4 cores): 25.00%"),
        Metric("kubemon_quota_cpu_limit_percent", 25.0, levels=(80.0, 90.0)),
    ]
    assert list(kubemon_resource_quotas.check_kubemon_resource_quota_memory(params, section)) == [
        Result(state=State.OK, summary="compute Requests used (256 MiB of 4.00 GiB): 6.25%"),
        Metric("kubemon_quota_memory_request_percent", 6.25, levels=(80.0, 90.0)),
        Result(state=State.OK, summary="compute Limits used (512 MiB of 8.00 GiB): 6.25%"),
        Metric("kubemon_quota_memory_limit_percent", 6.25, levels=(80.0, 90.0)),
    ]


def test_resource_quota_edge_cases() -> None:
    params = kubemon_resource_quotas.DEFAULT_PARAMS
    zero = {
        "quotas": [{"name": "none", "hard": {"limits.memory": 0}, "used": {"limits.memory": 0}}],
    }
    assert list(kubemon_resource_quotas.check_kubemon_resource_quota_memory(params, zero)) == [
        Result(state=State.OK, summary="none Limits: hard quota 0, used 0 B")
    ]
    pods_only = {"quotas": [{"name": "pods", "hard": {"pods": 10}, "used": {"pods": 3}}]}
    assert list(kubemon_resource_quotas.discover_kubemon_resource_quota_cpu(pods_only)) == []
    full = {"quotas": [{"name": "q", "hard": {"cpu": 1.0}, "used": {"cpu": 0.95}}]}
    assert list(kubemon_resource_quotas.check_kubemon_resource_quota_cpu(params, full)) == [
        Result(
            state=State.CRIT,
            summary="q Requests used (0.95 cores of 1 core): 95.00% (warn/crit at 80.00%/90.00%)",
        ),
        Metric("kubemon_quota_cpu_request_percent", 95.0, levels=(80.0, 90.0)),
    ]


def test_replicas_doc_example(examples: dict[str, Any]) -> None:
    store: dict[str, Any] = {}
    assert list(
        kubemon_workload_replicas._check(
            NOW,
            store,
            kubemon_workload_replicas.DEFAULT_PARAMS,
            examples["kubemon_workload_replicas"],
        ),
    ) == [
        Result(state=State.OK, summary="Ready: 1/1, Up-to-date: 1/1, Available: 1/1"),
        Metric("kube_desired_replicas", 1),
        Metric("kube_ready_replicas", 1),
        Metric("kube_updated_replicas", 1),
        Metric("kube_available_replicas", 1),
        Result(state=State.OK, notice="Misscheduled: 0"),
        Metric("kube_misscheduled_replicas", 0),
    ]
    assert store == {
        "not_available": ["ok", NOW],
        "not_ready": ["ok", NOW],
        "not_updated": ["ok", NOW],
        "misscheduled": ["ok", NOW],
    }


STUCK = {
    "kind": "Deployment",
    "desired": 3,
    "ready": 3,
    "updated": 3,
    "available": 1,
    "misscheduled": None,
}


@pytest.mark.parametrize(
    "min_ready_seconds, levels, shown",
    [
        pytest.param(0, ("no_levels", None), [], id="no-minReadySeconds-no-levels-hidden"),
        pytest.param(
            30,
            ("no_levels", None),
            [Result(state=State.OK, summary="Not available for: 11 minutes 40 seconds")],
            id="minReadySeconds-shown-without-levels",
        ),
        pytest.param(
            0,
            ("fixed", (300.0, 600.0)),
            [
                Result(
                    state=State.CRIT,
                    summary=f"Not available for: 11 minutes 40 seconds {FIVE_TEN}",
                )
            ],
            id="levels-apply-without-minReadySeconds",
        ),
    ],
)
def test_replicas_not_available_duration(
    min_ready_seconds: int, levels: tuple[str, Any], shown: list[Result]
) -> None:
    # All 3 ready and updated, but only 1 available: 2 not yet ready for minReadySeconds.
    store: dict[str, Any] = {"not_available": ["failing", NOW - 700]}
    params = {**kubemon_workload_replicas.DEFAULT_PARAMS, "not_available_duration": levels}
    results = list(
        kubemon_workload_replicas._check(NOW, store, params, STUCK, min_ready_seconds)
    )
    assert [r for r in results if isinstance(r, Result)][1:] == shown
    assert store["not_available"] == ["failing", NOW - 700]


def test_replicas_not_available_clock_restarts_when_all_are_available() -> None:
    store: dict[str, Any] = {"not_available": ["failing", NOW - 700]}
    params = {
        **kubemon_workload_replicas.DEFAULT_PARAMS,
        "not_available_duration": ("fixed", (300.0, 600.0)),
    }
    healed = {**STUCK, "available": 3}
    assert [
        r for r in kubemon_workload_replicas._check(NOW, store, params, healed, 30)
        if isinstance(r, Result)
    ] == [Result(state=State.OK, summary="Ready: 3/3, Up-to-date: 3/3, Available: 3/3")]
    assert store["not_available"] == ["ok", NOW]


def test_replicas_of_a_stuck_rollout() -> None:
    section = {
        "kind": "Deployment",
        "desired": 3,
        "ready": 1,
        "updated": 2,
        "available": 1,
        "misscheduled": None,
    }
    store = {"not_ready": ["failing", NOW - 400], "not_updated": ["failing", NOW - 700]}
    assert list(
        kubemon_workload_replicas._check(
            NOW,
            store,
            kubemon_workload_replicas.DEFAULT_PARAMS,
            section,
        ),
    ) == [
        Result(state=State.OK, summary="Ready: 1/3, Up-to-date: 2/3, Available: 1/3"),
        Metric("kube_desired_replicas", 3),
        Metric("kube_ready_replicas", 1),
        Metric("kube_updated_replicas", 2),
        Metric("kube_available_replicas", 1),
        Result(state=State.WARN, summary=f"Not ready for: 6 minutes 40 seconds {FIVE_TEN}"),
        Result(state=State.CRIT, summary=f"Not updated for: 11 minutes 40 seconds {FIVE_TEN}"),
    ]


WORKLOAD_CONDITIONS = {"conditions": [
        {
            "type": "Available",
            "status": "True",
            "reason": "MinimumReplicasAvailable",
            "message": "ok",
            "last_transition_time": NOW - 9000,
        },
        {
            "type": "ReplicaFailure",
            "status": "True",
            "reason": "FailedCreate",
            "message": "exceeded quota: compute",
            "last_transition_time": NOW - 900,
        },
        {
            "type": "Progressing",
            "status": "False",
            "reason": "ProgressDeadlineExceeded",
            "message": None,
            "last_transition_time": NOW - 100,
        },
    ]}


def test_workload_conditions() -> None:
    params = kubemon_conditions.WORKLOAD_DEFAULT_PARAMS
    assert list(kubemon_conditions._check(NOW, params, WORKLOAD_CONDITIONS)) == [
        Result(
            state=State.CRIT,
            summary=f"ReplicaFailure: True (FailedCreate) for: 15 minutes 0 seconds {FIVE_TEN}",
        ),
        Result(state=State.OK, notice="ReplicaFailure: exceeded quota: compute"),
        Result(
            state=State.OK,
            summary="Progressing: False (ProgressDeadlineExceeded) for: 1 minute 40 seconds",
        ),
        Result(state=State.OK, notice="Available: True"),
    ]


def test_workload_conditions_per_type_levels() -> None:
    # agent_kube's defaults (no levels) for ReplicaFailure; Progressing CRIT at once.
    params = {
        **kubemon_conditions.WORKLOAD_DEFAULT_PARAMS,
        "replica_failure": ("no_levels", None),
        "progressing": ("fixed", (0.0, 0.0)),
    }
    assert [
        (r.state, r.summary) for r in kubemon_conditions._check(NOW, params, WORKLOAD_CONDITIONS)
        if r.summary
    ] == [
        (State.OK, "ReplicaFailure: True (FailedCreate) for: 15 minutes 0 seconds"),
        (
            State.CRIT,
            "Progressing: False (ProgressDeadlineExceeded) for: 1 minute 40 seconds "
            "(warn/crit at 0 seconds/0 seconds)",
        ),
    ]


def test_other_condition_types_use_the_other_levels() -> None:
    # A pod's resize waits for room on the node (Kubernetes 1.33+): a problem while True.
    section = {"conditions": [
        {"type": "PodResizePending", "status": "True", "reason": "Infeasible", "message": None,
         "last_transition_time": NOW - 400},
        {"type": "example.com/gate", "status": "False", "reason": None, "message": None,
         "last_transition_time": NOW - 100},
    ]}
    params = {**kubemon_conditions.DEFAULT_PARAMS, "other": ("fixed", (60.0, 3600.0))}
    assert [(r.state, r.summary) for r in kubemon_conditions._check(NOW, params, section)] == [
        (
            State.WARN,
            "PodResizePending: True (Infeasible) for: 6 minutes 40 seconds "
            "(warn/crit at 1 minute 0 seconds/1 hour 0 minutes)",
        ),
        (
            State.WARN,
            "example.com/gate: False for: 1 minute 40 seconds "
            "(warn/crit at 1 minute 0 seconds/1 hour 0 minutes)",
        ),
    ]


def test_cronjob_status_doc_example(examples: dict[str, Any]) -> None:
    info, jobs = examples["kubemon_cronjob_info"], examples["kubemon_cronjob_jobs"]
    assert list(
        kubemon_cronjob_status._check(NOW, kubemon_cronjob_status.DEFAULT_PARAMS, info, jobs),
    ) == [
        Result(state=State.OK, summary="Latest job: Complete"),
        Result(state=State.OK, notice="Duration: 12 seconds"),
        Result(state=State.OK, summary="Last success: 4 minutes 48 seconds"),
        Metric("kube_cron_job_status_since_completion", 288.0),
        Result(state=State.OK, summary="Last schedule: 5 minutes 0 seconds"),
        Metric("kube_cron_job_status_since_schedule", 300.0),
        Result(state=State.OK, summary="Failed jobs kept: 0"),
        Metric("kubemon_cronjob_failed_jobs", 0),
        Result(state=State.OK, notice="Active jobs: 0"),
        Metric("kube_cron_job_status_active", 0),
    ]


def test_cronjob_schedule_stopped_firing() -> None:
    info = {"name": "backup", "active": 2, "last_schedule_time": NOW - 90000}
    params = {**kubemon_cronjob_status.DEFAULT_PARAMS,
              "since_schedule": ("fixed", (86400.0, 172800.0))}
    results = list(kubemon_cronjob_status._check(NOW, params, info, None))
    assert Result(
        state=State.WARN,
        summary="Last schedule: 1 day 1 hour (warn/crit at 1 day 0 hours/2 days 0 hours)",
    ) in results
    assert Metric("kube_cron_job_status_since_schedule", 90000.0,
                  levels=(86400.0, 172800.0)) in results
    assert Metric("kube_cron_job_status_active", 2) in results
    # The default has no levels: the same CronJob is OK.
    default = list(kubemon_cronjob_status._check(NOW, kubemon_cronjob_status.DEFAULT_PARAMS,
                                                 info, None))
    assert all(r.state == State.OK for r in default if isinstance(r, Result))


def test_cronjob_latest_failed_and_never_succeeded() -> None:
    info = {"name": "backup", "suspend": True, "active": 0, "last_successful_time": None}
    jobs = {
        "jobs": [
            {"name": "b-2", "status": "Failed", "failure_reason": "BackoffLimitExceeded"},
            {"name": "b-1", "status": "Failed", "failure_reason": None},
        ],
    }
    assert list(
        kubemon_cronjob_status._check(NOW, kubemon_cronjob_status.DEFAULT_PARAMS, info, jobs),
    ) == [
        Result(state=State.OK, summary="Suspended"),
        Result(state=State.CRIT, summary="Latest job: Failed (BackoffLimitExceeded)"),
        Result(state=State.OK, summary="Failed jobs kept: 2"),
        Metric("kubemon_cronjob_failed_jobs", 2),
        Result(state=State.OK, notice="Active jobs: 0"),
        Metric("kube_cron_job_status_active", 0),
    ]


def test_cronjob_pending_too_long_and_no_jobs() -> None:
    info = {"name": "backup", "suspend": False, "active": 1, "last_successful_time": None}
    jobs = {"jobs": [{"name": "b-3", "status": "Pending", "creation_timestamp": NOW - 320}]}
    params = kubemon_cronjob_status.DEFAULT_PARAMS
    assert list(kubemon_cronjob_status._check(NOW, params, info, jobs))[:2] == [
        Result(state=State.OK, summary="Latest job: Pending"),
        Result(state=State.WARN, summary=f"Pending for: 5 minutes 20 seconds {FIVE_TEN}"),
    ]
    assert list(kubemon_cronjob_status._check(NOW, params, info, None))[0] == Result(
        state=State.OK,
        summary="No jobs yet",
    )


def test_prometheus_queries() -> None:
    section, params = USAGE["kubemon_prometheus_query"], kubemon_user_metrics.DEFAULT_PARAMS
    assert list(kubemon_user_metrics.discover_kubemon_prometheus_query(section)) == [
        Service(item="apiserver_p99"),
        Service(item="broken"),
    ]
    assert list(
        kubemon_user_metrics.check_kubemon_prometheus_query(
            "apiserver_p99",
            {**params, "levels_upper": ("fixed", (0.4, 1.0))},
            section,
        ),
    ) == [
        Result(state=State.WARN, summary="Value: 0.42 s (warn/crit at 0.4 s/1 s)"),
        Metric("kubemon_query_value", 0.42, levels=(0.4, 1.0)),
        Result(
            state=State.OK,
            notice="Query: histogram_quantile(0.99, sum by (le) (rate(apiserver_request_duration_seconds_bucket[5m])))",
        ),
    ]
    assert list(kubemon_user_metrics.check_kubemon_prometheus_query("broken", params, section)) == [
        Result(
            state=State.UNKNOWN,
            summary="No value: bad_data: parse error: unexpected end of input",
        )
    ]


def test_user_levels_upper_and_lower_both_breached_give_the_worst_state() -> None:
    # A user rule with a WARN upper level and a CRIT lower level that both hit: a site shows CRIT
    # and both texts (the stand-in used to stop at the upper one and say WARN).
    section, params = USAGE["kubemon_prometheus_query"], kubemon_user_metrics.DEFAULT_PARAMS
    params = {**params, "levels_upper": ("fixed", (0.4, 1.0)), "levels_lower": ("fixed", (1.0, 0.5))}
    assert list(kubemon_user_metrics.check_kubemon_prometheus_query("apiserver_p99", params, section))[
        :2
    ] == [
        Result(
            state=State.CRIT,
            summary="Value: 0.42 s (warn/crit at 0.4 s/1 s) (warn/crit below 1 s/0.5 s)",
        ),
        Metric("kubemon_query_value", 0.42, levels=(0.4, 1.0)),
    ]


def test_custom_metrics() -> None:
    section, params = USAGE["kubemon_custom_metrics"], kubemon_user_metrics.DEFAULT_PARAMS
    item = "kubemon_cpu_usage_cores default/web-0"
    assert list(kubemon_user_metrics.discover_kubemon_custom_metric(section)) == [
        Service(item=item),
    ]
    assert list(kubemon_user_metrics.check_kubemon_custom_metric(item, params, section)) == [
        Result(state=State.OK, summary="Value: 0.25"),
        Metric("kubemon_custom_metric_value", 0.25),
    ]


def test_pod_info(examples: dict[str, Any]) -> None:
    # kubemon_pod_info_v3 leaves name, namespace, node and controllers to the pod's labels.
    labels = {
        "object": "pod", "name": "crashy-6d5f7b9c8-x2x9z", "namespace": "default",
        "node": "k3s-server", "controllers": [
            {"kind": "ReplicaSet", "name": "crashy-6d5f7b9c8"},
            {"kind": "Deployment", "name": "crashy"},
        ],
    }
    section = with_identity(examples["kubemon_pod_info"], labels)
    assert list(kubemon_info._check(NOW, kubemon_info.pod_info, section)) == [
        Result(state=State.OK, summary="Name: crashy-6d5f7b9c8-x2x9z"),
        Result(state=State.OK, summary="Namespace: default"),
        Result(state=State.OK, notice="Node: k3s-server"),
        Result(state=State.OK, notice="Age: 3 hours 13 minutes"),
        Result(state=State.OK, notice="QoS class: BestEffort"),
        Result(
            state=State.OK,
            notice="Controlled by: Deployment crashy <- ReplicaSet crashy-6d5f7b9c8",
        ),
        Result(state=State.OK, notice="Pod IP: 10.42.0.17"),
        Result(state=State.OK, notice="Restart policy: Always"),
        Result(state=State.OK, notice="UID: 6b0c…"),
    ]


def test_pod_info_plugin_names_the_pod_from_its_labels(examples: dict[str, Any]) -> None:
    labels = {"object": "pod", "name": "web-0", "namespace": "shop", "node": "n1"}
    results = list(
        kubemon_info.check_kubemon_pod_info(examples["kubemon_pod_info"], labels),
    )
    assert results[:3] == [
        Result(state=State.OK, summary="Name: web-0"),
        Result(state=State.OK, summary="Namespace: shop"),
        Result(state=State.OK, notice="Node: n1"),
    ]
    assert Result(state=State.OK, notice="Controlled by: nothing") in results
    assert list(kubemon_info.discover_kubemon_pod_info(None, labels)) == []


def test_host_labels(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_object_labels.host_labels_kubemon_object_labels(examples["kubemon_object_labels"]),
    ) == [
        HostLabel(name="cmk/kubernetes", value="yes"),
        HostLabel(name="cmk/kubernetes/object", value="pod"),
        HostLabel(name="cmk/kubernetes/cluster", value="k3s"),
        HostLabel(name="cmk/kubernetes/cluster-host", value="k3s"),
        HostLabel(name="cmk/kubernetes/namespace", value="kube-system"),
        HostLabel(name="cmk/kubernetes/node", value="k3s-server"),
        HostLabel(name="cmk/kubernetes/replicaset", value="coredns-64fd4b4794"),
        HostLabel(name="cmk/kubernetes/deployment", value="coredns"),
        HostLabel(name="cmk/kubernetes/label/k8s-app", value="kube-dns"),
        HostLabel(name="cmk/kubernetes/label/pod-template-hash", value="64fd4b4794"),
    ]


def test_host_labels_of_the_cluster_host_and_flag_labels() -> None:
    section = {"object": "cluster", "cluster": "prod", "cluster_host": None, "name": "prod", "namespace": None, "node": None,
               "controllers": [], "labels": {"edge": ""}, "annotations": {"checkmk-monitoring": "yes"}}
    assert list(kubemon_object_labels.host_labels_kubemon_object_labels(section)) == [
        HostLabel(name="cmk/kubernetes", value="yes"),
        HostLabel(name="cmk/kubernetes/object", value="cluster"),
        HostLabel(name="cmk/kubernetes/cluster", value="prod"),
        HostLabel(name="cmk/kubernetes/label/edge", value="true"),
        HostLabel(name="cmk/kubernetes/annotation/checkmk-monitoring", value="yes"),
    ]


def test_workload_info_names_labels_and_expressions_of_the_selector(
    examples: dict[str, Any],
) -> None:
    results = list(
        kubemon_info._check(NOW, kubemon_info.workload_info, examples["kubemon_workload_info"])
    )
    assert results[-1] == Result(
        state=State.OK, notice="Selector: k8s-app=kube-dns, tier notin (canary)"
    )

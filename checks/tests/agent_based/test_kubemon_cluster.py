"""Cluster host: Kubernetes API, Agent status, Nodes, Storage, Prometheus pipeline, Pod/CPU/Memory resources."""

import json
from typing import Any

import pytest
from kubemon_scenarios import NOW, REPO, quirk

from cmk.agent_based.v2 import Metric, Result, State
from cmk_addons.plugins.kubemon.agent_based import (
    kubemon_agent_status,
    kubemon_cluster_api,
    kubemon_cluster_nodes,
    kubemon_cluster_storage,
    kubemon_pipeline_health,
    kubemon_pod_resources,
    kubemon_resources,
)

USAGE = quirk("usage_prometheus")


def test_cluster_api_doc_example(examples: dict[str, Any]) -> None:
    api, info = examples["kubemon_cluster_api"], examples["kubemon_cluster_info"]
    assert list(kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api, info)) == [
        Result(state=State.OK, summary="Live"),
        Result(state=State.OK, summary="Ready"),
        Result(state=State.OK, summary="Version: v1.33.4+k3s1"),
        Result(state=State.OK, summary="Certificate expires in: 273 days 13 hours"),
        Result(
            state=State.OK,
            notice="Certificate subject: CN=k3s, issuer: CN=k3s-server-ca@1756300000",
        ),
    ]


@pytest.mark.parametrize(
    "api, info, expected",
    [
        pytest.param(
            {
                "live": {"status_code": 200, "body": "ok"},
                "ready": {"status_code": 500, "body": "[-]etcd failed"},
                "certificate": None,
            },
            {"git_version": "v1.27.3", "major": 1, "minor": 27, "supported": False},
            [
                Result(state=State.OK, summary="Live"),
                Result(
                    state=State.CRIT,
                    summary="Not ready (HTTP 500)",
                    details="Ready: HTTP 500\n[-]etcd failed",
                ),
                Result(state=State.OK, summary="Version: v1.27.3"),
                Result(
                    state=State.WARN,
                    summary="Kubernetes 1.27 is not supported (supported: 1.29 to 1.36)",
                ),
            ],
            id="not-ready-and-unsupported",
        ),
        pytest.param(
            {"live": {"status_code": None, "body": None}, "ready": {"status_code": 200, "body": "ok"},
             "certificate": {"subject": "CN=a", "issuer": "CN=b", "not_after": NOW + 3 * 86400}},
            None,
            [
                Result(
                    state=State.CRIT,
                    summary="Not live (no answer)",
                    details="Live: no answer\nno response body",
                ),
                Result(state=State.OK, summary="Ready"),
                Result(
                    state=State.WARN,
                    summary="Certificate expires in: 3 days 0 hours (warn/crit below 7 days 0 hours/1 day 0 hours)",
                ),
                Result(state=State.OK, notice="Certificate subject: CN=a, issuer: CN=b"),
            ],
            id="no-livez-answer-and-certificate-expiring",
        ),
        pytest.param(
            {
                "live": {"status_code": 200},
                "ready": {"status_code": 200},
                "certificate": {"subject": "CN=a", "issuer": "CN=b", "not_after": NOW - 7200},
            },
            None,
            [
                Result(state=State.OK, summary="Live"),
                Result(state=State.OK, summary="Ready"),
                Result(
                    state=State.CRIT,
                    summary="API server certificate expired 2 hours 0 minutes ago",
                ),
                Result(state=State.OK, notice="Certificate subject: CN=a, issuer: CN=b"),
            ],
            id="certificate-expired",
        ),
    ],
)
def test_cluster_api(
    api: dict[str, Any],
    info: dict[str, Any] | None,
    expected: list[object],
) -> None:
    assert list(
        kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api, info),
    ) == expected


FORBIDDEN = (
    "kube/cronjobs: GET /apis/batch/v1/cronjobs forbidden for the agent's token - fix: grant \"list cronjobs\" "
    "(apiGroup batch) to the ClusterRole check-mk-metrics-reader (check_mk_rbac.yaml)"
    " (docs/troubleshooting.md#rbac-forbidden)"
)


@pytest.mark.parametrize(
    "params, change, expected",
    [
        pytest.param(
            {}, {},
            [
                Result(state=State.OK, summary="Sources OK: 1/2, agent 0.1.0, run took 0.41 s"),
                Result(state=State.WARN, summary=FORBIDDEN),
            ],
            id="one-failed-source-warns",
        ),
        pytest.param(
            {"failed_source_state": 2}, {"deadline_hit": True},
            [
                Result(state=State.OK, summary="Sources OK: 1/2, agent 0.1.0, run took 0.41 s"),
                Result(
                    state=State.CRIT,
                    summary="Deadline of 50.0 s hit: output is incomplete (raise --deadline or the check interval, or exclude namespaces)",
                ),
                Result(state=State.CRIT, summary=FORBIDDEN),
            ],
            id="deadline-hit-and-configured-crit",
        ),
    ],
)
def test_agent_status(
    params: dict[str, Any],
    change: dict[str, Any],
    expected: list[object],
    examples: dict[str, Any],
) -> None:
    section = {**examples["kubemon_agent_status"], **change}
    assert list(
        kubemon_agent_status.check_kubemon_agent_status(
            {**kubemon_agent_status.DEFAULT_PARAMS, **params},
            section,
        ),
    ) == expected


def _counts(role: str, ready: int, total: int) -> list[Metric]:
    return [
        Metric(f"kube_node_count_{role}_ready", ready),
        Metric(f"kube_node_count_{role}_not_ready", total - ready),
        Metric(f"kube_node_count_{role}_total", total),
    ]


W1 = {"name": "w1", "roles": [], "ready": None, "unschedulable": False}
W2 = {"name": "w2", "roles": ["worker"], "ready": True, "unschedulable": True}
INFRA = {"name": "i1", "roles": ["infra"], "ready": True, "unschedulable": False}


@pytest.mark.parametrize(
    "extra, params, expected",
    [
        pytest.param(
            [],
            {},
            [
                Result(state=State.OK, summary="Control plane nodes ready: 1/1"),
                *_counts("control_plane", 1, 1),
                Result(state=State.OK, summary="Worker nodes ready: 0/0"),
                *_counts("worker", 0, 0),
                Result(state=State.OK, summary="Not ready: 0"),
            ],
            id="doc-example",
        ),
        pytest.param(
            [W1, W2],
            {},
            [
                Result(state=State.OK, summary="Control plane nodes ready: 1/1"),
                *_counts("control_plane", 1, 1),
                Result(state=State.OK, summary="Worker nodes ready: 1/2"),
                *_counts("worker", 1, 2),
                Result(state=State.WARN, summary="Not ready: 1 (warn/crit at 1/2)"),
                Result(state=State.OK, notice="Not ready: w1"),
                Result(state=State.OK, notice="Unschedulable (cordoned): w2"),
            ],
            id="unknown-node-and-cordoned-node",
        ),
        pytest.param(
            [W2, INFRA],
            {
                "control_plane_roles": ["infra"],
                "worker_ready_lower": ("fixed", (3, 2)),
                "control_plane_ready_upper": ("fixed", (1, 2)),
            },
            [
                Result(
                    state=State.WARN,
                    summary="Control plane nodes ready: 1/1 (warn/crit at 1/2)",
                ),
                Metric("kube_node_count_control_plane_ready", 1, levels=(1, 2)),
                Metric("kube_node_count_control_plane_not_ready", 0),
                Metric("kube_node_count_control_plane_total", 1),
                Result(
                    state=State.WARN,
                    summary="Worker nodes ready: 2/2 (warn/crit below 3/2)",
                ),
                *_counts("worker", 2, 2),
                Result(state=State.OK, summary="Not ready: 0"),
                Result(state=State.OK, notice="Unschedulable (cordoned): w2"),
            ],
            id="own-control-plane-roles-and-ready-levels-per-role",
        ),
    ],
)
def test_nodes(
    extra: list[dict[str, Any]],
    params: dict[str, Any],
    expected: list[object],
    examples: dict[str, Any],
) -> None:
    section = {"nodes": examples["kubemon_cluster_nodes"]["nodes"] + extra}
    assert list(
        kubemon_cluster_nodes.check_kubemon_cluster_nodes(
            {**kubemon_cluster_nodes.DEFAULT_PARAMS, **params},
            section,
        ),
    ) == expected


def test_storage(examples: dict[str, Any]) -> None:
    params = kubemon_cluster_storage.DEFAULT_PARAMS
    assert list(
        kubemon_cluster_storage.check_kubemon_cluster_storage(
            params,
            examples["kubemon_cluster_storage"],
        ),
    ) == [
        Result(state=State.OK, summary="Volumes: 1 (Bound: 1)"),
        Result(state=State.OK, summary="Capacity: 1.00 GiB"),
        Metric("kubemon_pv_capacity", 1073741824),
        Result(state=State.OK, notice="Storage classes: 1, default: local-path"),
    ]
    broken = {"volumes": [
        {"name": "pv-a", "phase": "Released", "capacity_bytes": 1024, "claim": "default/old"},
        {"name": "pv-b", "phase": "Failed", "capacity_bytes": None, "claim": None},
    ], "storage_classes": []}
    assert list(kubemon_cluster_storage.check_kubemon_cluster_storage(params, broken)) == [
        Result(state=State.OK, summary="Volumes: 2 (Failed: 1, Released: 1)"),
        Result(state=State.OK, summary="Capacity: 1.00 KiB"),
        Metric("kubemon_pv_capacity", 1024),
        Result(state=State.CRIT, summary="Volume pv-b is Failed"),
        Result(state=State.WARN, summary="Volume pv-a is Released, was claimed by default/old"),
        Result(state=State.OK, notice="Storage classes: 0, default: none"),
    ]


def test_pipeline_health_names_each_fix() -> None:
    params = kubemon_pipeline_health.DEFAULT_PARAMS
    assert list(
        kubemon_pipeline_health.check_kubemon_pipeline_health(
            params,
            USAGE["kubemon_pipeline_health"],
        ),
    ) == [
        Result(state=State.OK, summary="Targets up: 5/6"),
        Metric("kubemon_prometheus_targets_down", 1),
        Result(
            state=State.WARN,
            summary="Target down: kubelet 172.18.0.3:10250 (server returned HTTP status 403 Forbidden) - fix: check that "
            "the target's endpoint answers and the network policy lets Prometheus in",
        ),
        Result(
            state=State.CRIT,
            summary="APIService v1beta1.custom.metrics.k8s.io not Available (FailedDiscoveryCheck: failing or missing response "
            "from https://10.43.0.9:443) - fix: check the prometheus-adapter pod in namespace check-mk and its TLS secret",
        ),
        Result(
            state=State.WARN,
            summary="Custom metrics API offers nothing - fix: check the prometheus-adapter rules and that Prometheus has the "
            "series they select",
        ),
    ]
    assert list(
        kubemon_pipeline_health.check_kubemon_pipeline_health(
            params,
            {"prometheus": {"reachable": False}},
        ),
    ) == [
        Result(
            state=State.CRIT,
            summary="Prometheus not reachable - fix: check the prometheus pod in namespace check-mk and the service "
            "check-mk/prometheus (or --prometheus-url)",
        )
    ]


def test_pipeline_health_gives_the_kubelet_certificate_fix_in_one_line() -> None:
    """The doc example: a self-signed kubelet certificate, with the agent's hint and doc entry."""
    text = (REPO / "docs" / "sections.md").read_text(encoding="utf-8")
    example = json.loads(next(line for line in text.splitlines() if line.startswith('{"prometheus":')))
    results = list(
        kubemon_pipeline_health.check_kubemon_pipeline_health(
            kubemon_pipeline_health.DEFAULT_PARAMS,
            {"prometheus": example["prometheus"]},
        ),
    )
    assert results[:2] == [
        Result(state=State.OK, summary="Targets up: 3/4"),
        Metric("kubemon_prometheus_targets_down", 1),
    ]
    down = results[2]
    assert down.state == State.WARN
    assert "\n" not in down.summary
    assert down.summary.startswith(
        'Target down: kubelet 10.0.0.7:10250 (Get "https://10.0.0.7:10250/metrics/cadvisor": tls: failed '
        "to verify certificate: x509: certificate signed by unknown authority) - fix: the kubelet's serving "
        "certificate is not signed by the cluster CA"
    )
    assert down.summary.endswith(
        "or apply kubelet-servicemonitor-insecure-skip-verify.yaml instead of kubelet-servicemonitor.yaml "
        "(docs/troubleshooting.md#kubelet-tls-unknown-ca)"
    )


def _phases(running: int, pending: int, succeeded: int) -> list[object]:
    out: list[object] = []
    for name, count in (
        ("Running", running),
        ("Pending", pending),
        ("Succeeded", succeeded),
        ("Failed", 0),
        ("Unknown", 0),
    ):
        out += [
            Result(state=State.OK, summary=f"{name}: {count}"),
            # agent_kube's names; it has no metric for Unknown.
            Metric("kubemon_pods_unknown" if name == "Unknown" else f"kube_pod_{name.lower()}", count),
        ]
    return out


@pytest.mark.parametrize(
    "params, change, expected",
    [
        pytest.param(
            {}, {},
            _phases(12, 1, 2) + [
                Result(state=State.OK, summary="Allocatable: 110, free: 97"),
                Result(state=State.OK, summary="Free share: 88.18%"),
                Metric("kube_pod_allocatable", 110),
                Metric("kube_pod_free", 97),
            ],
            id="doc-example-node",
        ),
        pytest.param(
            {"pending_duration": ("fixed", (300.0, 600.0))},
            {
                "running": 103,
                "pending": 2,
                "pending_pods": [{"name": "web-0", "since": NOW - 1000}],
            },
            _phases(103, 2, 2) + [
                Result(state=State.OK, summary="Allocatable: 110, free: 5"),
                Result(
                    state=State.CRIT,
                    summary="Free share: 4.55% (warn/crit below 10.00%/5.00%)",
                ),
                Metric("kube_pod_allocatable", 110),
                Metric("kube_pod_free", 5),
                Result(
                    state=State.CRIT,
                    summary="Longest pending: web-0 for: 16 minutes 40 seconds (warn/crit at 5 minutes 0 seconds/10 minutes 0 seconds)",
                ),
            ],
            id="node-full-and-pod-pending-long",
        ),
        pytest.param(
            {},
            {"allocatable": None, "capacity": None},
            _phases(12, 1, 2),
            id="namespace-without-allocatable",
        ),
    ],
)
def test_pod_resources(
    params: dict[str, Any],
    change: dict[str, Any],
    expected: list[object],
    examples: dict[str, Any],
) -> None:
    section = {**examples["kubemon_pod_resources"], **change}
    merged = {**kubemon_pod_resources.DEFAULT_PARAMS, **params}
    assert list(kubemon_pod_resources._check(NOW, merged, section)) == expected


def test_cpu_resources_without_usage(examples: dict[str, Any]) -> None:
    section = examples["kubemon_cpu_resources"]
    assert list(
        kubemon_resources.check_kubemon_cpu_resources(
            kubemon_resources.DEFAULT_PARAMS,
            section,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ) == [
        Result(state=State.OK, summary="Request: 0.3 cores (set by 5 of 7 containers)"),
        Metric("kube_cpu_request", 0.3),
        Result(state=State.OK, summary="Limit: 0.5 cores (set by 2 of 7 containers)"),
        Metric("kube_cpu_limit", 0.5),
        Result(state=State.OK, summary="Allocatable: 2 cores"),
        Metric("kube_cpu_allocatable", 2.0),
        Result(
            state=State.OK,
            notice="Containers: 7, without request: 2, without limit: 5, zero limit: 0",
        ),
    ]


MEMORY = quirk("memory_resources_node")


def test_memory_resources_with_node_usage() -> None:
    node_usage = USAGE["kubemon_node_usage"]
    assert list(
        kubemon_resources.check_kubemon_memory_resources(
            kubemon_resources.DEFAULT_PARAMS,
            MEMORY,
            node_usage,
            None,
            None,
            {"object": "node"},
            None,
            None,
        ),
    ) == [
        Result(state=State.OK, summary="Usage: 1.50 GiB"),
        Metric("kube_memory_usage", 1610612736),
        Result(state=State.OK, summary="Request: 1.00 GiB"),
        Metric("kube_memory_request", 1073741824),
        Result(state=State.OK, summary="Usage of request: 150.00%"),
        Metric("kube_memory_request_utilization", 150.0),
        Result(state=State.OK, summary="Limit: 2.00 GiB"),
        Metric("kube_memory_limit", 2147483648),
        Result(state=State.OK, summary="Usage of limit: 75.00%"),
        Metric("kube_memory_limit_utilization", 75.0, levels=(80.0, 90.0)),
        Result(state=State.OK, summary="Allocatable: 4.00 GiB"),
        Metric("kube_memory_allocatable", 4294967296),
        Result(state=State.OK, summary="Usage of allocatable: 37.50%"),
        Metric("kube_memory_node_allocatable_utilization", 37.5, levels=(80.0, 90.0)),
        Result(
            state=State.OK,
            notice="Containers: 4, without request: 0, without limit: 0, zero limit: 0",
        ),
    ]


def test_memory_limits_above_allocatable_are_overcommit() -> None:
    section = {**MEMORY, "limits": 8589934592}
    results = list(
        kubemon_resources.check_kubemon_memory_resources(
            kubemon_resources.DEFAULT_PARAMS,
            section,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    )
    assert [r for r in results if isinstance(r, Result) and r.state != State.OK] == [
        Result(state=State.WARN, summary="Limits overcommit: 8.00 GiB > allocatable 4.00 GiB")
    ]


def test_cpu_of_a_workload_with_object_usage() -> None:
    data = quirk("workload_all_containers_limited")
    params = kubemon_resources.DEFAULT_PARAMS
    section, usage = data["kubemon_cpu_resources"], data["kubemon_object_usage"]
    assert list(kubemon_resources.check_kubemon_cpu_resources(
        params, section, None, None, usage, None, None, None)
    ) == [
        Result(state=State.OK, summary="Usage: 0.1 cores"),
        Metric("kube_cpu_usage", 0.1),
        Result(state=State.OK, summary="Request: 0.2 cores"),
        Metric("kube_cpu_request", 0.2),
        Result(state=State.OK, summary="Usage of request: 50.00%"),
        Metric("kube_cpu_request_utilization", 50.0),
        Result(state=State.OK, summary="Limit: 0.4 cores"),
        Metric("kube_cpu_limit", 0.4),
        Result(state=State.OK, summary="Usage of limit: 25.00%"),
        Metric("kube_cpu_limit_utilization", 25.0, levels=(80.0, 90.0)),
        Result(state=State.OK, notice="Containers: 2, without request: 0, without limit: 0, zero limit: 0"),
    ]


def test_zero_limits_count_as_unset() -> None:
    section = {"requests": None, "limits": 0.0, "count_total": 1, "count_unspecified_requests": 1,
               "count_unspecified_limits": 0, "count_zeroed_limits": 1, "allocatable": None}
    usage = {"cpu_cores": 0.05}
    assert list(kubemon_resources.check_kubemon_cpu_resources(
        kubemon_resources.DEFAULT_PARAMS, section, None, usage, None, None, None, None)
    ) == [
        Result(state=State.OK, summary="Usage: 0.05 cores"),
        Metric("kube_cpu_usage", 0.05),
        Result(state=State.OK, summary="Limit: 0 cores (set by 0 of 1 containers)"),
        Metric("kube_cpu_limit", 0.0),
        Result(state=State.OK, notice="Containers: 1, without request: 1, without limit: 0, zero limit: 1"),
    ]


KUBE_LISTS = ["kube/version", "kube/nodes", "kube/namespaces", "kube/pods", "kube/deployments"]


def _status(kind: str, reason: str, hint: str, anchor: str, **extra: Any) -> dict[str, Any]:
    """A run in which every Kubernetes source failed alike (the probes too, as transport faults do)."""
    sources = [
        {
            "source": source,
            "request": f"GET /{source}",
            "state": "failed",
            "http_status": None,
            "message": f"GET /{source}: {reason}",
            "hint": hint,
            "anchor": anchor,
            "kind": kind,
        }
        for source in KUBE_LISTS + ["kube/livez", "kube/readyz"]
    ]
    return {"cluster": "c", "agent_version": "0.1.0", "elapsed_s": 1.0, "deadline_s": 50.0,
            "deadline_hit": False, "no_cert_check": False, "sources": sources, **extra}


@pytest.mark.parametrize(
    "kind, reason, hint, anchor, headline",
    [
        ("connect", "127.0.0.1:1 refused the connection", "check the port", "connection-refused",
         "API server unreachable"),
        ("dns", "unknown host k.invalid", "check the host name", "unknown-host",
         "API server unreachable"),
        ("timeout", "127.0.0.1:9 sent nothing within --read-timeout", "raise --read-timeout",
         "read-timeout", "API server does not answer"),
        ("tls", "TLS: the certificate of h:6443 is signed by an unknown CA", "pass --ca-file",
         "tls-unknown-ca", "API server not trusted"),
        ("plain-http", "h:80 answered in plain HTTP, not HTTPS", "use the HTTPS port", "plain-http",
         "API server not trusted"),
        ("server-error", "unexpected HTTP 500", "see the API server's log",
         "http-unexpected-status", "API server failing"),
        ("unexpected-response", "unexpected response: not a PodList: {\"headers\"",
         "check --api-server-url", "unexpected-response", "Not a Kubernetes API server"),
        ("unauthorized", "the token was rejected (HTTP 401)", "copy the token again",
         "token-rejected", "Token rejected"),
    ],
)
def test_a_cluster_the_agent_cannot_read_is_one_crit_line(
    kind: str, reason: str, hint: str, anchor: str, headline: str
) -> None:
    status = _status(kind, reason, hint, anchor)
    results = list(
        kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, None, None, status)
    )
    assert len(results) == 1
    assert results[0].state == State.CRIT
    assert results[0].summary == (
        f"{headline}: {reason} - fix: {hint} (docs/troubleshooting.md#{anchor})"
    )


def test_the_cause_outranks_the_deadlines_that_followed_it() -> None:
    status = _status("deadline", "deadline reached (--deadline 50 s)", "raise --deadline",
                     "deadline-reached")
    status["sources"][0] = {**status["sources"][0], "kind": "timeout",
                            "message": "GET /kube/version: h:1: connect timeout",
                            "hint": "check the firewall", "anchor": "connect-timeout"}
    (result,) = kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, None, None,
                                           status)
    assert result.summary.startswith("API server does not answer: h:1: connect timeout - fix: ")


def test_one_answering_list_means_the_cluster_is_readable(examples: dict[str, Any]) -> None:
    status = _status("forbidden", "forbidden", "grant it", "rbac-forbidden")
    status["sources"][2] = {**status["sources"][2], "state": "ok", "kind": None}
    api, info = examples["kubemon_cluster_api"], examples["kubemon_cluster_info"]
    results = list(kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api, info,
                                              status))
    assert [r.state for r in results] == [State.OK] * 5


def test_no_cert_check_warns(examples: dict[str, Any]) -> None:
    status = {**examples["kubemon_agent_status"], "no_cert_check": True}
    api, info = examples["kubemon_cluster_api"], examples["kubemon_cluster_info"]
    results = list(kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api, info,
                                              status))
    assert results[0].state == State.WARN
    assert "--no-cert-check" in results[0].summary
    assert "docs/troubleshooting.md#no-cert-check" in results[0].summary
    assert [r.state for r in results[1:]] == [State.OK] * 5


def test_plain_http_warns_like_no_cert_check(examples: dict[str, Any]) -> None:
    """--allow-http: the URL in the info section says http://, so the service stays WARN."""
    api = examples["kubemon_cluster_api"]
    info = {**examples["kubemon_cluster_info"], "api_server": "http://10.0.0.1:8080"}
    results = list(kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api, info,
                                              examples["kubemon_agent_status"]))
    assert results[0].state == State.WARN
    assert "travels in clear" in results[0].summary
    assert "docs/troubleshooting.md#allow-http" in results[0].summary
    assert [r.state for r in results[1:]] == [State.OK] * 5
    https = list(kubemon_cluster_api._check(NOW, kubemon_cluster_api.DEFAULT_PARAMS, api,
                                            examples["kubemon_cluster_info"],
                                            examples["kubemon_agent_status"]))
    assert [r.state for r in https] == [State.OK] * 5


def test_the_service_exists_before_the_cluster_ever_answered() -> None:
    status = _status("connect", "refused", "fix", "connection-refused")
    assert list(kubemon_cluster_api.discover_kubemon_cluster_api(None, None, status))


def test_agent_status_names_a_repeated_failure_once_with_a_count() -> None:
    status = _status("connect", "127.0.0.1:1 refused the connection", "check the port",
                     "connection-refused")
    results = list(
        kubemon_agent_status.check_kubemon_agent_status(kubemon_agent_status.DEFAULT_PARAMS, status)
    )
    assert results[1:] == [
        Result(
            state=State.WARN,
            summary="7 sources failed: 127.0.0.1:1 refused the connection - fix: check the port "
            "(docs/troubleshooting.md#connection-refused)",
            details="Sources: " + ", ".join(KUBE_LISTS + ["kube/livez", "kube/readyz"]),
        )
    ]

"""Pod host: Status, Container <name>, Restarts, Condition, PVC <claim>, CPU throttling."""

from typing import Any

import pytest
from kubemon_scenarios import NOW, quirk

from cmk.agent_based.v2 import Metric, Result, Service, State
from cmk_addons.plugins.kubemon.agent_based import (
    kubemon_conditions,
    kubemon_pod_containers,
    kubemon_pod_pvcs,
    kubemon_pod_restarts,
    kubemon_pod_status,
    kubemon_pod_throttling,
    kubemon_resources,
)

OOM = quirk("pod_crashloop_with_oomkilled_last_state")
FIVE_TEN = "(warn/crit at 5 minutes 0 seconds/10 minutes 0 seconds)"


@pytest.mark.parametrize(
    "params, store, section, expected",
    [
        pytest.param(
            {}, {}, {"status": "CrashLoopBackOff", "phase": "Running"},
            [Result(state=State.CRIT, summary="CrashLoopBackOff")],
            id="crashloop-crit-at-once",
        ),
        pytest.param(
            {}, {"status": ["Pending", NOW - 400]}, {"status": "Pending", "phase": "Pending"},
            [Result(state=State.OK, summary="Pending"), Result(state=State.WARN, summary=f"Seen for: 6 minutes 40 seconds {FIVE_TEN}")],
            id="pending-warn-after-300s",
        ),
        pytest.param(
            {},
            {"status": ["Running", NOW - 400]},
            {"status": "ContainerCreating", "phase": "Pending"},
            [Result(state=State.OK, summary="ContainerCreating")],
            id="status-change-restarts-the-clock",
        ),
        pytest.param(
            {}, {}, {"status": "Pending", "phase": "Pending", "creation_timestamp": NOW - 3600},
            [
                Result(state=State.OK, summary="Pending"),
                Result(state=State.CRIT, summary=f"Seen for: 1 hour 0 minutes {FIVE_TEN}"),
            ],
            id="pending-counts-from-creation-on-the-first-check",
        ),
        pytest.param(
            {}, {"status": ["Pending", NOW - 400]},
            {"status": "Pending", "phase": "Pending", "creation_timestamp": NOW - 100},
            [
                Result(state=State.OK, summary="Pending"),
                Result(state=State.WARN, summary=f"Seen for: 6 minutes 40 seconds {FIVE_TEN}"),
            ],
            id="pending-first-sighting-older-than-creation",
        ),
        pytest.param(
            {}, {},
            {"status": "ContainerCreating", "phase": "Pending", "creation_timestamp": NOW - 3600},
            [
                Result(state=State.OK, summary="ContainerCreating"),
            ],
            id="other-statuses-count-from-the-first-sighting",
        ),
        pytest.param(
            {}, {"status": ["Evicted", NOW - 700]},
            {
                "status": "Evicted",
                "phase": "Failed",
                "reason": "Evicted",
                "message": "The node was low on resource: memory.",
            },
            [
                Result(
                    state=State.OK,
                    summary="Evicted (Evicted: The node was low on resource: memory.)",
                ),
                Result(state=State.CRIT, summary=f"Seen for: 11 minutes 40 seconds {FIVE_TEN}"),
            ],
            id="evicted-crit-after-600s",
        ),
        pytest.param(
            {},
            {},
            {"status": "Running", "phase": "Running"},
            [Result(state=State.OK, summary="Running")],
            id="running",
        ),
        pytest.param(
            {"crit_statuses": []}, {}, {"status": "CrashLoopBackOff", "phase": "Running"},
            [Result(state=State.OK, summary="CrashLoopBackOff")],
            id="crit-list-configurable",
        ),
    ],
)
def test_pod_status(
    params: dict[str, Any],
    store: dict[str, Any],
    section: dict[str, Any],
    expected: list[object],
) -> None:
    merged = {**kubemon_pod_status.DEFAULT_PARAMS, **params}
    assert list(kubemon_pod_status._check(NOW, store, merged, section)) == expected
    assert store["status"][0] == section["status"]


def test_pod_status_of_the_doc_example(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_pod_status._check(
            NOW,
            {},
            kubemon_pod_status.DEFAULT_PARAMS,
            examples["kubemon_pod_info"],
        ),
    )[
        0
    ] == Result(
        state=State.CRIT, summary="CrashLoopBackOff"
    )


def test_containers_discovery_skips_init_containers() -> None:
    assert list(
        kubemon_pod_containers.discover_kubemon_pod_containers(OOM["kubemon_pod_containers"]),
    ) == [
        Service(item="hog"),
        Service(item="sidecar"),
    ]


@pytest.mark.parametrize(
    "item, expected",
    [
        pytest.param(
            "hog",
            [
                Result(
                    state=State.CRIT,
                    summary="Waiting: CrashLoopBackOff",
                    details="Waiting: CrashLoopBackOff: back-off 5m0s restarting failed container=hog",
                ),
                Result(state=State.WARN, summary="Last termination: OOMKilled (exit code 137)"),
                Result(state=State.OK, summary="Restarts: 7"),
                Result(state=State.OK, notice="Image: polinux/stress:1.0.4, ready: no"),
            ],
            id="crashloop-after-oomkill",
        ),
        pytest.param(
            "sidecar",
            [
                Result(state=State.OK, summary="Running for 3 hours 13 minutes"),
                Result(state=State.OK, summary="Restarts: 0"),
                Result(state=State.OK, notice="Image: nginx:1.27, ready: yes"),
            ],
            id="running",
        ),
        pytest.param("init-db", [], id="init-container-is-no-item"),
        pytest.param("gone", [], id="missing-item-yields-nothing"),
    ],
)
def test_container(item: str, expected: list[object]) -> None:
    section = OOM["kubemon_pod_containers"]
    assert list(
        kubemon_pod_containers._check(NOW, item, kubemon_pod_containers.DEFAULT_PARAMS, section),
    ) == expected


def test_container_terminated_with_error_is_crit() -> None:
    section = {"containers": [{"name": "job", "init": False, "image": "busybox", "ready": False, "restart_count": 0,
                               "state": {"type": "terminated", "reason": "Error", "exit_code": 2}, "last_state": None}]}
    assert list(
        kubemon_pod_containers._check(NOW, "job", kubemon_pod_containers.DEFAULT_PARAMS, section),
    ) == [
        Result(state=State.CRIT, summary="Terminated: Error (exit code 2)"),
        Result(state=State.OK, summary="Restarts: 0"),
        Result(state=State.OK, notice="Image: busybox, ready: no"),
    ]


@pytest.mark.parametrize(
    "store, expected_store, expected",
    [
        pytest.param(
            {}, {"samples": [[NOW, 42]]},
            [
                Result(state=State.OK, summary="Total: 42"), Metric("kube_pod_restart_count", 42),
                Result(state=State.OK, summary="In last hour: 0"),
                Metric("kube_pod_restart_rate", 0, levels=(3, 5)),
            ],
            id="first-run",
        ),
        pytest.param(
            {"samples": [[NOW - 1800, 38]]}, {"samples": [[NOW - 1800, 38], [NOW, 42]]},
            [
                Result(state=State.OK, summary="Total: 42"), Metric("kube_pod_restart_count", 42),
                Result(state=State.WARN, summary="In last hour: 4 (warn/crit at 3/5)"),
                Metric("kube_pod_restart_rate", 4, levels=(3, 5)),
            ],
            id="four-in-the-last-hour",
        ),
        pytest.param(
            {"samples": [[NOW - 4000, 10], [NOW - 600, 50]]}, {"samples": [[NOW, 42]]},
            [
                Result(state=State.OK, summary="Total: 42"), Metric("kube_pod_restart_count", 42),
                Result(state=State.OK, summary="In last hour: 0"),
                Metric("kube_pod_restart_rate", 0, levels=(3, 5)),
            ],
            id="old-samples-dropped-and-recreated-pod-starts-over",
        ),
    ],
)
def test_restarts(
    store: dict[str, Any],
    expected_store: dict[str, Any],
    expected: list[object],
    examples: dict[str, Any],
) -> None:
    section = examples["kubemon_pod_containers"]
    assert list(
        kubemon_pod_restarts._check(NOW, store, kubemon_pod_restarts.DEFAULT_PARAMS, section),
    ) == expected
    assert store == expected_store


def test_pod_conditions_doc_example(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_conditions._check(
            NOW,
            kubemon_conditions.DEFAULT_PARAMS,
            examples["kubemon_pod_conditions"],
        ),
    ) == [
        Result(
            state=State.CRIT,
            summary=f"Ready: False (ContainersNotReady) for: 3 hours 11 minutes {FIVE_TEN}",
        ),
        Result(state=State.OK, notice="Ready: containers with unready status: [app]"),
        Result(state=State.OK, notice="PodScheduled: True"),
        Result(state=State.OK, notice="Initialized: True"),
    ]


def test_pod_conditions_of_a_completed_pod_are_ok() -> None:
    section = quirk("pod_completed_conditions")["kubemon_pod_conditions"]
    assert list(kubemon_conditions._check(NOW, kubemon_conditions.DEFAULT_PARAMS, section)) == [
        Result(state=State.OK, summary="All conditions OK (4)"),
        Result(state=State.OK, notice="PodScheduled: True"),
        Result(state=State.OK, notice="Initialized: True"),
        Result(state=State.OK, notice="Ready: False"),
        Result(state=State.OK, notice="ContainersReady: False"),
    ]


PVC = quirk("pvc_claim_missing")


@pytest.mark.parametrize(
    "item, store, expected",
    [
        pytest.param(
            "data", {},
            [Result(state=State.CRIT, summary="Claim does not exist - the pod cannot start until it is created")],
            id="claim-missing",
        ),
        pytest.param(
            "cache", {},
            [
                Result(state=State.OK, summary="Status: Bound"),
                Result(state=State.WARN, summary="Used: 90.00% (warn/crit at 80.00%/90.00%)"),
                Metric(
                    "kubemon_pvc_used_percent",
                    100.0 * 1932735283 / 2147483648,
                    levels=(80.0, 90.0),
                    boundaries=(0.0, 100.0),
                ),
                Result(state=State.OK, summary="1.80 GiB of 2.00 GiB"),
                Metric("kubemon_pvc_used", 1932735283, boundaries=(0.0, 2147483648)),
                Result(
                    state=State.OK,
                    notice="Storage class: local-path; Access modes: ReadWriteOnce; Volume: pvc-77",
                ),
            ],
            id="just-below-90-percent-is-warn",
        ),
    ],
)
def test_pvc(item: str, store: dict[str, Any], expected: list[object]) -> None:
    params = kubemon_pod_pvcs.DEFAULT_PARAMS
    assert list(
        kubemon_pod_pvcs._check(
            NOW,
            store,
            item,
            params,
            PVC["kubemon_pod_pvcs"],
            PVC["kubemon_pvc_usage"],
        ),
    ) == expected


def test_pvc_pending_and_lost() -> None:
    pending = {"claims": [{"name": "d", "phase": "Pending"}]}
    lost = {"claims": [{"name": "d", "phase": "Lost", "volume_name": "pv-9"}]}
    params = kubemon_pod_pvcs.DEFAULT_PARAMS
    assert list(
        kubemon_pod_pvcs._check(NOW, {"phase": ["Pending", NOW - 650]}, "d", params, pending, None),
    ) == [
        Result(state=State.OK, summary="Status: Pending"),
        Result(state=State.CRIT, summary=f"Pending for: 10 minutes 50 seconds {FIVE_TEN}"),
    ]
    assert list(kubemon_pod_pvcs._check(NOW, {}, "d", params, lost, None)) == [
        Result(state=State.CRIT, summary="Status: Lost (volume pv-9 is gone)"),
        Result(state=State.OK, notice="Volume: pv-9"),
    ]


def test_throttling() -> None:
    section = quirk("usage_prometheus")["kubemon_pod_usage"]
    assert list(
        kubemon_pod_throttling.check_kubemon_pod_throttling(
            kubemon_pod_throttling.DEFAULT_PARAMS,
            section,
        ),
    ) == [
        Result(state=State.WARN, summary="Throttled periods: 31.00% (warn/crit at 25.00%/50.00%)"),
        Metric("kubemon_cpu_throttled_percent", 31.0, levels=(25.0, 50.0), boundaries=(0.0, 100.0)),
    ]
    assert list(
        kubemon_pod_throttling.discover_kubemon_pod_throttling({"cpu_throttled_ratio": None}),
    ) == []


def test_pod_resources_sum_its_containers_as_the_agent_did() -> None:
    # What the agent wrote as the pod's kubemon_{cpu,memory}_resources before they moved here.
    written = {
        "cpu": {"requests": 0.15, "limits": 0.2},
        "memory": {"requests": 69206016, "limits": 104857600},
    }
    for resource, sums in written.items():
        section = kubemon_resources.pod_resources(
            resource, OOM["kubemon_pod_containers"], OOM["kubemon_pod_info"]
        )
        assert section == {
            **sums,
            "count_total": 2,  # the init container is not counted
            "count_unspecified_requests": 0,
            "count_unspecified_limits": 1,
            "count_zeroed_limits": 0,
            "allocatable": None,
        }
    finished = {**OOM["kubemon_pod_info"], "phase": "Succeeded"}
    assert kubemon_resources.pod_resources("cpu", OOM["kubemon_pod_containers"], finished) == {
        "requests": 0,
        "limits": 0,
        "count_total": 0,
        "count_unspecified_requests": 0,
        "count_unspecified_limits": 0,
        "count_zeroed_limits": 0,
        "allocatable": None,
    }
    assert kubemon_resources.pod_resources("cpu", None, OOM["kubemon_pod_info"]) is None


def test_pod_resources_service_from_containers() -> None:
    containers, info = OOM["kubemon_pod_containers"], OOM["kubemon_pod_info"]
    kwargs = dict.fromkeys(
        ["node_usage", "pod_usage", "object_usage", "object_labels"], None
    )
    args = {f"section_kubemon_{k}": v for k, v in kwargs.items()}
    found = kubemon_resources.discover_kubemon_cpu_resources(
        section_kubemon_cpu_resources=None,
        section_kubemon_pod_containers=containers,
        section_kubemon_pod_info=info,
        **args,
    )
    assert list(found) == [Service()]
    results = kubemon_resources.check_kubemon_cpu_resources(
        kubemon_resources.DEFAULT_PARAMS,
        section_kubemon_cpu_resources=None,
        section_kubemon_pod_containers=containers,
        section_kubemon_pod_info=info,
        **{**args, "section_kubemon_pod_usage": {"cpu_cores": 0.1}},
    )
    assert list(results) == [
        Result(state=State.OK, summary="Usage: 0.1 cores"),
        Metric("kube_cpu_usage", 0.1),
        Result(state=State.OK, summary="Request: 0.15 cores"),
        Metric("kube_cpu_request", 0.15),
        Result(state=State.OK, summary="Usage of request: 66.67%"),
        Metric("kube_cpu_request_utilization", 66.66666666666667),
        Result(state=State.OK, summary="Limit: 0.2 cores (set by 1 of 2 containers)"),
        Metric("kube_cpu_limit", 0.2),
        Result(
            state=State.OK,
            notice="Containers: 2, without request: 0, without limit: 1, zero limit: 0",
        ),
    ]

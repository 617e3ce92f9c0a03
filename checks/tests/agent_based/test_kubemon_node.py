"""Node host: Condition, Kubelet, Containers, Filesystem, Network."""

from typing import Any

import pytest
from kubemon_scenarios import NOW, quirk

from cmk.agent_based.v2 import Metric, Result, Service, State
from cmk_addons.plugins.kubemon.agent_based import (
    kubemon_node_conditions,
    kubemon_node_kubelet,
    kubemon_node_usage,
)

UNKNOWN_NODE = quirk("node_ready_unknown")
USAGE = quirk("usage_prometheus")["kubemon_node_usage"]
STOPPED = "Kubelet stopped posting node status."
SYNCLOOP = "[-]syncloop failed: reason withheld"
UNREACHABLE = "error trying to reach service: dial tcp 10.0.0.7:10250: connect: connection refused"


def _crit(kind: str) -> Result:
    return Result(
        state=State.CRIT,
        summary=f"{kind}: Unknown (NodeStatusUnknown)",
        details=f"{kind}: Unknown (NodeStatusUnknown): {STOPPED}",
    )


@pytest.mark.parametrize(
    "section, expected",
    [
        pytest.param(
            None,
            [
                Result(state=State.OK, summary="Ready, all 2 conditions OK"),
                Result(state=State.OK, notice="Ready: True (KubeletReady)"),
                Result(state=State.OK, notice="MemoryPressure: False (KubeletHasSufficientMemory)"),
            ],
            id="doc-example",
        ),
        pytest.param(
            UNKNOWN_NODE["kubemon_node_conditions"],
            [_crit("MemoryPressure"), _crit("DiskPressure"), _crit("PIDPressure"), _crit("Ready")],
            id="node-ready-unknown",
        ),
        pytest.param(
            {"conditions": [
                {"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "ok"},
                {
                    "type": "KernelDeadlock",
                    "status": "True",
                    "reason": "DockerHung",
                    "message": "task docker:7 blocked",
                },
                {
                    "type": "DiskPressure",
                    "status": "True",
                    "reason": "KubeletHasDiskPressure",
                    "message": "low disk",
                },
            ]},
            [
                Result(
                    state=State.WARN,
                    summary="KernelDeadlock: True (DockerHung)",
                    details="KernelDeadlock: True (DockerHung): task docker:7 blocked",
                ),
                Result(
                    state=State.CRIT,
                    summary="DiskPressure: True (KubeletHasDiskPressure)",
                    details="DiskPressure: True (KubeletHasDiskPressure): low disk",
                ),
                Result(state=State.OK, notice="Ready: True (KubeletReady)"),
            ],
            id="unknown-type-true-warns-pressure-crits",
        ),
    ],
)
def test_node_conditions(
    section: dict[str, Any] | None,
    expected: list[object],
    examples: dict[str, Any],
) -> None:
    section = section or examples["kubemon_node_conditions"]
    assert list(
        kubemon_node_conditions.check_kubemon_node_conditions(
            kubemon_node_conditions.DEFAULT_PARAMS,
            section,
        ),
    ) == expected


def test_kubelet_healthy(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_node_kubelet._check(
            NOW,
            kubemon_node_kubelet.DEFAULT_PARAMS,
            examples["kubemon_node_kubelet"],
        ),
    ) == [
        Result(state=State.OK, summary="Healthy"),
        Result(state=State.OK, summary="Version: v1.33.4+k3s1"),
        Result(state=State.OK, notice="Last heartbeat: 10 seconds"),
    ]


def test_kubelet_of_an_unknown_node() -> None:
    assert list(
        kubemon_node_kubelet._check(
            NOW,
            kubemon_node_kubelet.DEFAULT_PARAMS,
            UNKNOWN_NODE["kubemon_node_kubelet"],
        ),
    ) == [
        Result(
            state=State.CRIT,
            summary="Not healthy: Ready is Unknown (NodeStatusUnknown)",
            details=f"Ready is Unknown (NodeStatusUnknown): {STOPPED}",
        ),
        Result(state=State.OK, summary="Version: v1.33.4+k3s1"),
        Result(
            state=State.CRIT,
            notice="Last heartbeat: 26 minutes 40 seconds (warn/crit at 10 minutes 0 seconds/15 minutes 0 seconds)",
        ),
    ]


def test_kubelet_healthz_ok(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_node_kubelet._check(
            NOW,
            kubemon_node_kubelet.DEFAULT_PARAMS,
            examples["kubemon_node_kubelet"],
            examples["kubemon_node_kubelet_health"],
        ),
    ) == [
        Result(state=State.OK, summary="Healthy"),
        Result(state=State.OK, summary="Health check: ok"),
        Result(state=State.OK, summary="Version: v1.33.4+k3s1"),
        Result(state=State.OK, notice="Last heartbeat: 10 seconds"),
    ]


@pytest.mark.parametrize(
    "health, summary, details",
    [
        pytest.param(
            {"status_code": 500, "body": f"{SYNCLOOP}\nhealthz check failed"},
            f"Health check failed: HTTP 500: {SYNCLOOP}",
            f"/healthz answered HTTP 500:\n{SYNCLOOP}\nhealthz check failed",
            id="kubelet-check-failed",
        ),
        pytest.param(
            {"status_code": 503, "body": UNREACHABLE},
            f"Health check failed: HTTP 503: {UNREACHABLE}",
            f"/healthz answered HTTP 503:\n{UNREACHABLE}",
            id="unresponsive-node",
        ),
        pytest.param(
            {"status_code": 200, "body": ""},
            "Health check failed: HTTP 200: (empty answer)",
            "/healthz answered HTTP 200:\n",
            id="not-ok",
        ),
    ],
)
def test_kubelet_healthz_not_ok_is_crit_with_the_text(
    examples: dict[str, Any], health: dict[str, Any], summary: str, details: str
) -> None:
    results = list(
        kubemon_node_kubelet._check(
            NOW, kubemon_node_kubelet.DEFAULT_PARAMS, examples["kubemon_node_kubelet"], health
        ),
    )
    assert results[1] == Result(state=State.CRIT, summary=summary, details=details)
    assert [r.state for r in results] == [State.OK, State.CRIT, State.OK, State.OK]


def test_kubelet_service_needs_the_api_section_not_healthz(examples: dict[str, Any]) -> None:
    health = examples["kubemon_node_kubelet_health"]
    assert list(kubemon_node_kubelet.discover_kubemon_node_kubelet(None, health)) == []
    assert len(list(kubemon_node_kubelet.discover_kubemon_node_kubelet(
        examples["kubemon_node_kubelet"], None))) == 1


def test_containers(examples: dict[str, Any]) -> None:
    assert list(
        kubemon_node_usage.check_kubemon_node_containers(
            kubemon_node_usage.CONTAINERS_DEFAULT_PARAMS,
            examples["kubemon_node_containers"],
        ),
    ) == [
        Result(state=State.OK, summary="Running: 14"),
        Metric("kube_node_container_count_running", 14),
        Result(state=State.OK, summary="Waiting: 2"),
        Metric("kube_node_container_count_waiting", 2),
        Result(state=State.OK, summary="Terminated: 1"),
        Metric("kube_node_container_count_terminated", 1),
        Result(state=State.OK, summary="Total: 17"),
        Metric("kube_node_container_count_total", 17),
    ]


def test_filesystem() -> None:
    assert list(
        kubemon_node_usage.check_kubemon_node_filesystem(
            kubemon_node_usage.FILESYSTEM_DEFAULT_PARAMS,
            USAGE,
        ),
    ) == [
        Result(state=State.CRIT, summary="Used: 90.19% (warn/crit at 80.00%/90.00%)"),
        Metric(
            "kubemon_fs_used_percent",
            90.194313216,
            levels=(80.0, 90.0),
            boundaries=(0.0, 100.0),
        ),
        Result(state=State.OK, summary="42.0 GiB of 46.6 GiB"),
        Metric("kubemon_fs_used", 45097156608, boundaries=(0.0, 50000000000)),
    ]


def test_network_and_discovery_of_usage_services() -> None:
    assert list(kubemon_node_usage.check_kubemon_node_network(USAGE)) == [
        Result(state=State.OK, summary="In: 12.5 kB/s"),
        Metric("kubemon_network_rx_bytes_per_s", 12500.0),
        Result(state=State.OK, summary="Out: 2.50 kB/s"),
        Metric("kubemon_network_tx_bytes_per_s", 2500.0),
    ]
    # metrics-api gives CPU and memory only: no Filesystem or Network service.
    metrics_api = {
        "source": "metrics_api",
        "cpu_cores": 0.2,
        "memory_working_set_bytes": 1,
        "fs_capacity_bytes": None,
        "network_rx_bytes_per_s": None,
    }
    assert list(kubemon_node_usage.discover_kubemon_node_filesystem(metrics_api)) == []
    assert list(kubemon_node_usage.discover_kubemon_node_network(metrics_api)) == []
    assert list(kubemon_node_usage.discover_kubemon_node_filesystem(USAGE)) == [Service()]


def _condition(kind: str, status: str) -> dict[str, Any]:
    return {"type": kind, "status": status, "reason": "R", "message": "m"}


@pytest.mark.parametrize(
    "kind, status, state",
    [
        ("Ready", "True", State.OK),
        ("Ready", "False", State.CRIT),
        ("NetworkUnavailable", "True", State.CRIT),
        ("NetworkUnavailable", "False", State.OK),
        ("KernelDeadlock", "Unknown", State.WARN),
        ("KernelDeadlock", "False", State.OK),
    ],
)
def test_node_condition_defaults_per_type_and_status(kind: str, status: str, state: State) -> None:
    results = list(
        kubemon_node_conditions.check_kubemon_node_conditions(
            kubemon_node_conditions.DEFAULT_PARAMS,
            {"conditions": [_condition(kind, status)]},
        )
    )
    assert State.worst(*(r.state for r in results)) == state


def test_node_condition_mapping_from_the_rule() -> None:
    # An admin who expects NetworkUnavailable True (a CNI that never clears it) makes it OK,
    # and makes the node problem detector's ReadonlyFilesystem CRIT (named in any case).
    params = {
        **kubemon_node_conditions.DEFAULT_PARAMS,
        "network_unavailable": {"true": 0, "false": 0, "unknown": 1},
        "custom": [{"type": "readonlyfilesystem", "true": 2, "false": 0, "unknown": 3}],
    }
    section = UNKNOWN_NODE["kubemon_node_conditions"]
    section = {
        "conditions": [
            _condition("NetworkUnavailable", "True"),
            _condition("ReadonlyFilesystem", "True"),
            _condition("KernelDeadlock", "True"),
            _condition("Ready", "Unknown"),
        ]
        + [c for c in section["conditions"] if c["type"] == "DiskPressure"]
    }
    states = {
        r.summary.split(":")[0] if r.summary else r.details.split(":")[0]: r.state
        for r in kubemon_node_conditions.check_kubemon_node_conditions(params, section)
    }
    assert states == {
        "NetworkUnavailable": State.OK,
        "ReadonlyFilesystem": State.CRIT,
        "KernelDeadlock": State.WARN,
        "Ready": State.CRIT,
        "DiskPressure": State.CRIT,
    }


def test_container_levels(examples: dict[str, Any]) -> None:
    # The doc example: 14 running, 2 waiting, 1 terminated, 17 in all.
    params = {
        **kubemon_node_usage.CONTAINERS_DEFAULT_PARAMS,
        "running_lower": ("fixed", (20, 10)),
        "waiting_upper": ("fixed", (1, 2)),
        "total_upper": ("fixed", (50, 60)),
    }
    results = list(
        kubemon_node_usage.check_kubemon_node_containers(
            params, examples["kubemon_node_containers"]
        )
    )
    assert results[0] == Result(state=State.WARN, summary="Running: 14 (warn/crit below 20/10)")
    assert results[2] == Result(state=State.CRIT, summary="Waiting: 2 (warn/crit at 1/2)")
    assert results[4] == Result(state=State.OK, summary="Terminated: 1")
    assert results[6] == Result(state=State.OK, summary="Total: 17")
    assert results[7] == Metric("kube_node_container_count_total", 17, levels=(50, 60))

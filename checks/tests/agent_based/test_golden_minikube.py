"""Whole outcomes over the agent's golden output of the recorded minikube v1.35 cluster.

The recording (shared/fixtures/real/minikube-v1.35.0-nri-kubernetes) holds pods the k3s one
has not: a Job whose pods exit 42, static pods without creationTimestamp, and a pod whose only
container keeps exiting 0 under restartPolicy Always.
"""

from typing import Any

import pytest
from kubemon_golden import check, golden_hosts

from cmk.agent_based.v2 import Result, State

OK, WARN, CRIT = State.OK, State.WARN, State.CRIT
MINIKUBE = "minikube-v1.35.0-nri-kubernetes"
# 55 s after the newest timestamp of the recording (1782468874: a failed Job pod's sandbox
# went down); the recording does not say when it was taken.
NOW = 1782468929.0
FAILED = "pod_minikube_scraper_e2e-failjob-28dqq"
STATIC = "pod_minikube_kube-system_etcd-datagen-1-35"
EXITS_ZERO = "pod_minikube_scraper_e2e-container-creating"


@pytest.fixture(scope="module")
def hosts() -> dict[str, dict[str, Any]]:
    return golden_hosts(MINIKUBE, "minikube")


@pytest.mark.parametrize(
    "host, name, item, store, expected",
    [
        # e2e-failjob: restartPolicy Never, container main terminated with exit code 42.
        pytest.param(
            FAILED, "kubemon_pod_status", None, {},
            [Result(state=CRIT, summary="Error")],
            id="failed-job-pod-status",
        ),
        pytest.param(
            FAILED, "kubemon_pod_containers", "main", {},
            [Result(state=CRIT, summary="Terminated: Error (exit code 42)"),
             Result(state=OK, summary="Restarts: 0"),
             Result(state=OK, notice="Image: docker.io/library/bash:5, ready: no")],
            id="failed-job-container",
        ),
        pytest.param(
            FAILED, "kubemon_pod_conditions", None, {},
            [Result(state=OK, summary="All conditions OK (5)"),
             Result(state=OK, notice="PodReadyToStartContainers: False"),
             Result(state=OK, notice="Initialized: True"),
             Result(state=OK, notice="Ready: False"),
             Result(state=OK, notice="ContainersReady: False"),
             Result(state=OK, notice="PodScheduled: True")],
            id="failed-job-pod-conditions-are-those-of-a-finished-pod",
        ),
        # Static (mirror) pods of the control plane come without metadata.creationTimestamp.
        pytest.param(
            STATIC, "kubemon_pod_info", None, {},
            [Result(state=OK, summary="Name: etcd-datagen-1-35"),
             Result(state=OK, summary="Namespace: kube-system"),
             Result(state=OK, notice="Node: datagen-1-35"),
             Result(state=OK, notice="Age: unknown"),
             Result(state=OK, notice="QoS class: Burstable"),
             Result(state=OK, notice="Controlled by: nothing"),
             Result(state=OK, notice="Pod IP: 192.168.67.2"),
             Result(state=OK, notice="Restart policy: Always"),
             Result(state=OK, notice="UID: eaf7d48161d81d9c3359e1c008571fd6")],
            id="static-pod-without-creation-timestamp",
        ),
        # Phase Running, container alpine terminated Completed (exit 0) after 2 restarts.
        pytest.param(
            EXITS_ZERO, "kubemon_pod_status", None, {"status": ["Completed", NOW - 400]},
            [Result(state=OK, summary="Completed"),
             Result(state=WARN, summary="Seen for: 6 minutes 40 seconds "
                    "(warn/crit at 5 minutes 0 seconds/10 minutes 0 seconds)")],
            id="running-pod-whose-container-keeps-completing",
        ),
        pytest.param(
            EXITS_ZERO, "kubemon_pod_containers", "alpine", {},
            [Result(state=OK, summary="Terminated: Completed (exit code 0)"),
             Result(state=OK, summary="Last termination: Completed (exit code 0)"),
             Result(state=OK, summary="Restarts: 2"),
             Result(state=OK, notice="Image: docker.io/library/alpine:3.22.1, ready: no")],
            id="container-that-exits-zero",
        ),
    ],
)
def test_pods(
    monkeypatch: pytest.MonkeyPatch,
    hosts: dict[str, dict[str, Any]],
    host: str,
    name: str,
    item: str | None,
    store: dict[str, Any],
    expected: list[object],
) -> None:
    assert check(monkeypatch, name, hosts[host], NOW, item, {}, store) == expected

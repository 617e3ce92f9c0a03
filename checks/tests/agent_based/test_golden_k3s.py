"""Whole outcomes of the plug-ins over the agent's golden output of the recorded k3s cluster.

The recording is shared/fixtures/real/k3s-v1.33.4-troubleshoot (a support bundle of a one-node
k3s v1.33.4 cluster); the agent turned it into agent/src/test/resources/golden/…/agent-output.txt.
Every expected line below is read off the recorded facts quoted next to it.
"""

from typing import Any

import pytest
from kubemon_golden import check, discovered, golden_hosts

from cmk.agent_based.v2 import Metric, Result, State

OK, WARN, CRIT = State.OK, State.WARN, State.CRIT
K3S = "k3s-v1.33.4-troubleshoot"
# The bundle was collected at 2025-09-11T15:54:39 (its folder name, UTC-5) = 20:54:39 UTC,
# 244 s after the node's newest kubelet heartbeat (20:50:35 UTC).
NOW = 1757624079.0
FIVE_TEN = "(warn/crit at 5 minutes 0 seconds/10 minutes 0 seconds)"

CLUSTER = "k3s"
NODE = "node_k3s_c9b7eea91"
NAMESPACE = "namespace_k3s_default"
CRASHING = "pod_k3s_default_backend-api-75fb46b7bd-xtkrh"
HEALTHY = "pod_k3s_kube-system_coredns-64fd4b4794-p72lf"
COMPLETED = "pod_k3s_kube-system_helm-install-traefik-crd-dshw8"
UNSCHEDULABLE = "pod_k3s_default_cpu-intensive-app-7bcfc5d944-hw2vc"
DEPLOYMENT = "deployment_k3s_kube-system_coredns"
UNAVAILABLE = "deployment_k3s_default_backend-api"
DAEMONSET = "daemonset_k3s_kube-system_svclb-traefik-9ce4920b"


@pytest.fixture(scope="module")
def hosts() -> dict[str, dict[str, Any]]:
    return golden_hosts(K3S, CLUSTER)


def test_the_golden_clock_is_the_agents_fixed_clock(hosts: dict[str, dict[str, Any]]) -> None:
    # GoldenOutputTest runs the agent at 2025-09-12T00:00:00Z; NOW above is the recording's
    # own moment, earlier, so that ages read as they did in the cluster.
    assert hosts[CLUSTER]["kubemon_agent_status"]["started"] == 1757635200
    assert hosts[NODE]["kubemon_node_kubelet"]["last_heartbeat"] == NOW - 244


@pytest.mark.parametrize(
    "host, services",
    [
        # No kubemon_cluster_api: /livez and /readyz were not recorded. No Kubernetes API.
        (
            CLUSTER,
            {"Agent status", "Info", "Nodes", "Pod resources", "CPU resources",
             "Memory resources", "Storage"},
        ),
        (
            NODE,
            {"Info", "Conditions", "Kubelet", "Containers", "Pod resources", "CPU resources",
             "Memory resources"},
        ),
        # The namespace has no ResourceQuota: no Resource quota services.
        (NAMESPACE, {"Info", "Pod resources", "CPU resources", "Memory resources"}),
        (
            CRASHING,
            {"Info", "Status", "Conditions", "Container api-server", "Restarts",
             "CPU resources", "Memory resources"},
        ),
        (
            DAEMONSET,
            {"Info", "Replicas", "Conditions", "Pod resources", "CPU resources",
             "Memory resources"},
        ),
    ],
)
def test_discovered_services(
    hosts: dict[str, dict[str, Any]], host: str, services: set[str]
) -> None:
    assert discovered(hosts[host]) == services


def _pod_cases() -> list[Any]:
    return [
        # backend-api: api-server waits in CrashLoopBackOff after 5 restarts, exit code 1.
        pytest.param(
            CRASHING, "kubemon_pod_status", None, {}, {}, NOW,
            [Result(state=CRIT, summary="CrashLoopBackOff"),
             Result(state=OK, summary="Seen for: 0 seconds")],
            id="crashloop-status",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_status", None, {"crit_statuses": []},
            {"status": ["CrashLoopBackOff", NOW - 660]}, NOW,
            [Result(state=OK, summary="CrashLoopBackOff"),
             Result(state=CRIT, summary=f"Seen for: 11 minutes 0 seconds {FIVE_TEN}")],
            id="crashloop-status-not-critical-by-rule-but-too-long",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_containers", "api-server", {}, {}, NOW,
            [
                Result(
                    state=CRIT,
                    summary="Waiting: CrashLoopBackOff",
                    details="Waiting: CrashLoopBackOff: back-off 2m40s restarting failed "
                    "container=api-server pod=backend-api-75fb46b7bd-xtkrh_default"
                    "(0f6b8526-3587-433e-91fd-1d10ead72f88)",
                ),
                Result(state=OK, summary="Last termination: Error (exit code 1)"),
                Result(state=OK, summary="Restarts: 5"),
                Result(state=OK, notice="Image: alpine:latest, ready: no"),
            ],
            id="crashloop-container",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_restarts", None, {}, {}, NOW,
            [Result(state=OK, summary="Total: 5"),
             Metric("kubemon_restarts_total", 5),
             Result(state=OK, summary="In last hour: 0"),
             Metric("kubemon_restarts_last_hour", 0, levels=(3, 5))],
            id="crashloop-restarts-first-check",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_restarts", None, {}, {"samples": [[NOW - 240, 1]]}, NOW,
            [Result(state=OK, summary="Total: 5"),
             Metric("kubemon_restarts_total", 5),
             Result(state=WARN, summary="In last hour: 4 (warn/crit at 3/5)"),
             Metric("kubemon_restarts_last_hour", 4, levels=(3, 5))],
            id="crashloop-restarts-since-an-earlier-check",
        ),
        # Ready and ContainersReady went False at creation, 260 s before the recording.
        pytest.param(
            CRASHING, "kubemon_pod_conditions", None, {}, {}, NOW,
            [
                Result(state=OK, summary="Ready: False (ContainersNotReady) for: 4 minutes 20 seconds"),
                Result(state=OK, notice="Ready: containers with unready status: [api-server]"),
                Result(state=OK, summary="ContainersReady: False (ContainersNotReady) for: 4 minutes 20 seconds"),
                Result(state=OK, notice="ContainersReady: containers with unready status: [api-server]"),
                Result(state=OK, notice="PodReadyToStartContainers: True"),
                Result(state=OK, notice="Initialized: True"),
                Result(state=OK, notice="PodScheduled: True"),
            ],
            id="crashloop-conditions-not-yet-too-long",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_conditions", None, {}, {}, NOW + 400,
            [
                Result(state=CRIT, summary=f"Ready: False (ContainersNotReady) for: 11 minutes 0 seconds {FIVE_TEN}"),
                Result(state=OK, notice="Ready: containers with unready status: [api-server]"),
                Result(state=CRIT, summary=f"ContainersReady: False (ContainersNotReady) for: 11 minutes 0 seconds {FIVE_TEN}"),
                Result(state=OK, notice="ContainersReady: containers with unready status: [api-server]"),
                Result(state=OK, notice="PodReadyToStartContainers: True"),
                Result(state=OK, notice="Initialized: True"),
                Result(state=OK, notice="PodScheduled: True"),
            ],
            id="crashloop-conditions-400s-later",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_info", None, None, {}, NOW,
            [
                Result(state=OK, summary="Name: backend-api-75fb46b7bd-xtkrh"),
                Result(state=OK, summary="Namespace: default"),
                Result(state=OK, notice="Node: c9b7eea91"),
                Result(state=OK, notice="Age: 4 minutes 20 seconds"),
                Result(state=OK, notice="QoS class: Burstable"),
                # The default namespace's ReplicaSets are not in the recording.
                Result(state=OK, notice="Controlled by: ReplicaSet backend-api-75fb46b7bd"),
                Result(state=OK, notice="Pod IP: 10.42.0.16"),
                Result(state=OK, notice="Restart policy: Always"),
                Result(state=OK, notice="UID: 0f6b8526-3587-433e-91fd-1d10ead72f88"),
            ],
            id="crashloop-info",
        ),
        # requests cpu 100m memory 128Mi, limits cpu 200m memory 256Mi, one container.
        pytest.param(
            CRASHING, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 0.1 cores"), Metric("kubemon_cpu_request", 0.1),
             Result(state=OK, summary="Limit: 0.2 cores"), Metric("kubemon_cpu_limit", 0.2),
             Result(state=OK, notice="Containers: 1, without request: 0, without limit: 0, zero limit: 0")],
            id="crashloop-cpu",
        ),
        pytest.param(
            CRASHING, "kubemon_memory_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 128.00 MiB"), Metric("kubemon_memory_request", 134217728),
             Result(state=OK, summary="Limit: 256.00 MiB"), Metric("kubemon_memory_limit", 268435456),
             Result(state=OK, notice="Containers: 1, without request: 0, without limit: 0, zero limit: 0")],
            id="crashloop-memory",
        ),
        # coredns: Running since 20:40:09 UTC, ready, no restarts, every condition True.
        pytest.param(
            HEALTHY, "kubemon_pod_status", None, {}, {}, NOW,
            [Result(state=OK, summary="Running")],
            id="healthy-status",
        ),
        pytest.param(
            HEALTHY, "kubemon_pod_containers", "coredns", {}, {}, NOW,
            [Result(state=OK, summary="Running for 14 minutes 30 seconds"),
             Result(state=OK, summary="Restarts: 0"),
             Result(state=OK, notice="Image: rancher/mirrored-coredns-coredns:1.12.3, ready: yes")],
            id="healthy-container",
        ),
        pytest.param(
            HEALTHY, "kubemon_pod_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="All conditions OK (5)"),
             Result(state=OK, notice="PodReadyToStartContainers: True"),
             Result(state=OK, notice="Initialized: True"),
             Result(state=OK, notice="Ready: True"),
             Result(state=OK, notice="ContainersReady: True"),
             Result(state=OK, notice="PodScheduled: True")],
            id="healthy-conditions",
        ),
        # coredns sets no CPU limit (only memory 170Mi).
        pytest.param(
            HEALTHY, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 0.1 cores"), Metric("kubemon_cpu_request", 0.1),
             Result(state=OK, summary="Limit: 0 cores (set by 0 of 1 containers)"),
             Metric("kubemon_cpu_limit", 0.0),
             Result(state=OK, notice="Containers: 1, without request: 0, without limit: 1, zero limit: 0")],
            id="healthy-cpu-without-limit",
        ),
        pytest.param(
            HEALTHY, "kubemon_pod_info", None, None, {}, NOW,
            [
                Result(state=OK, summary="Name: coredns-64fd4b4794-p72lf"),
                Result(state=OK, summary="Namespace: kube-system"),
                Result(state=OK, notice="Node: c9b7eea91"),
                Result(state=OK, notice="Age: 14 minutes 35 seconds"),
                Result(state=OK, notice="QoS class: Burstable"),
                Result(state=OK, notice="Controlled by: Deployment coredns <- ReplicaSet coredns-64fd4b4794"),
                Result(state=OK, notice="Pod IP: 10.42.0.7"),
                Result(state=OK, notice="Restart policy: Always"),
                Result(state=OK, notice="UID: 7a2993fb-7533-4e65-943a-1a8dd7080de4"),
            ],
            id="healthy-info",
        ),
        # helm-install-traefik-crd: a finished Job pod, container exited 0 (Completed).
        pytest.param(
            COMPLETED, "kubemon_pod_status", None, {}, {}, NOW,
            [Result(state=OK, summary="Completed")],
            id="completed-status",
        ),
        pytest.param(
            COMPLETED, "kubemon_pod_containers", "helm", {}, {}, NOW,
            [Result(state=OK, summary="Terminated: Completed (exit code 0)"),
             Result(state=OK, summary="Restarts: 0"),
             Result(state=OK, notice="Image: rancher/klipper-helm:v0.9.8-build20250709, ready: no")],
            id="completed-container",
        ),
        # Once a pod completes, its sandbox is torn down (PodReadyToStartContainers False,
        # no reason) and Ready/ContainersReady are False with reason PodCompleted: all normal.
        pytest.param(
            COMPLETED, "kubemon_pod_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="All conditions OK (5)"),
             Result(state=OK, notice="PodReadyToStartContainers: False"),
             Result(state=OK, notice="Initialized: True"),
             Result(state=OK, notice="Ready: False"),
             Result(state=OK, notice="ContainersReady: False"),
             Result(state=OK, notice="PodScheduled: True")],
            id="completed-conditions",
        ),
        # cpu-intensive-app-…-hw2vc: 0/1 nodes available, insufficient cpu; no container yet.
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_status", None, {}, {"status": ["Pending", NOW - 258]}, NOW,
            [Result(state=OK, summary="Pending"),
             Result(state=OK, summary="Seen for: 4 minutes 18 seconds")],
            id="unschedulable-status",
        ),
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_status", None, {}, {"status": ["Pending", NOW - 258]}, NOW + 60,
            [Result(state=OK, summary="Pending"),
             Result(state=WARN, summary=f"Seen for: 5 minutes 18 seconds {FIVE_TEN}")],
            id="unschedulable-status-a-minute-later",
        ),
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_containers", "cpu-burner", {}, {}, NOW,
            [Result(state=OK, summary="Not created yet"),
             Result(state=OK, summary="Restarts: 0"),
             Result(state=OK, notice="Image: alpine:latest, ready: no")],
            id="unschedulable-container-has-no-state",
        ),
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="PodScheduled: False (Unschedulable) for: 4 minutes 18 seconds"),
             Result(state=OK, notice="PodScheduled: 0/1 nodes are available: 1 Insufficient cpu. "
                    "preemption: 0/1 nodes are available: 1 No preemption victims found for "
                    "incoming pod.")],
            id="unschedulable-conditions",
        ),
    ]


@pytest.mark.parametrize("host, name, item, params, store, now, expected", _pod_cases())
def test_pods(
    monkeypatch: pytest.MonkeyPatch,
    hosts: dict[str, dict[str, Any]],
    host: str,
    name: str,
    item: str | None,
    params: dict[str, Any] | None,
    store: dict[str, Any],
    now: float,
    expected: list[object],
) -> None:
    assert check(monkeypatch, name, hosts[host], now, item, params, store) == expected

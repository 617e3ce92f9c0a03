"""Whole outcomes of the plug-ins over the agent's golden output of the recorded k3s cluster.

The recording is shared/fixtures/real/k3s-v1.33.4-troubleshoot (a support bundle of a one-node
k3s v1.33.4 cluster); the agent turned it into agent/src/test/resources/golden/…/agent-output.txt.
Every expected line below is read off the recorded facts quoted next to it.
"""

from typing import Any

import pytest
from kubemon_golden import check, discovered, golden_hosts

from cmk.agent_based.v2 import Metric, Result, State
from cmk_addons.plugins.kubemon.agent_based.kubemon_object_labels import (
    host_labels_kubemon_object_labels,
)
from cmk_addons.plugins.kubemon.agent_based.kubemon_sections import host_labels_kubemon_node_info

OK, WARN, CRIT = State.OK, State.WARN, State.CRIT
K3S = "k3s-v1.33.4-troubleshoot"
# The bundle's folder name says 2025-09-11T15_54_39 in local time; read as UTC-5 that is
# 20:54:39 UTC: 244 s after the node's newest kubelet heartbeat (20:50:35 UTC) and 72 s after
# backend-api's last crash (20:53:27 UTC), the newest timestamp of the recording.
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


def counted(total: int, without_request: int, without_limit: int) -> Result:
    """The container counts note of CPU / Memory resources (no container has a zero limit)."""
    return Result(
        state=OK,
        notice=f"Containers: {total}, without request: {without_request}, "
        f"without limit: {without_limit}, zero limit: 0",
    )


def not_ready(condition: str, state: State, duration: str) -> Result:
    levels = f" {FIVE_TEN}" if state != OK else ""
    return Result(
        state=state,
        summary=f"{condition}: False (ContainersNotReady) for: {duration}{levels}",
    )


UNREADY = "containers with unready status: [api-server]"


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
        # No kubemon_cluster_api (/livez and /readyz were not recorded), but "Kubernetes API"
        # also reads the status section, which every run writes: it exists even then.
        (
            CLUSTER,
            {"Agent status", "Info", "Kubernetes API", "Nodes", "Pod resources", "CPU resources",
             "Memory resources", "Storage"},
        ),
        (
            NODE,
            {"Info", "Condition", "Kubelet", "Containers", "Pod resources", "CPU resources",
             "Memory resources"},
        ),
        # The namespace has no ResourceQuota: no Resource quota services.
        (NAMESPACE, {"Info", "Pod resources", "CPU resources", "Memory resources"}),
        (
            CRASHING,
            {"Info", "Status", "Phase", "Uptime", "Condition", "Container api-server",
             "Restarts", "CPU resources", "Memory resources"},
        ),
        (
            DAEMONSET,
            {"Info", "Replicas", "Condition", "Pod resources", "CPU resources",
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
            [Result(state=CRIT, summary="CrashLoopBackOff")],
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
             Metric("kube_pod_restart_count", 5),
             Result(state=OK, summary="In last hour: 0"),
             Metric("kube_pod_restart_rate", 0, levels=(3, 5))],
            id="crashloop-restarts-first-check",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_restarts", None, {}, {"samples": [[NOW - 240, 1]]}, NOW,
            [Result(state=OK, summary="Total: 5"),
             Metric("kube_pod_restart_count", 5),
             Result(state=WARN, summary="In last hour: 4 (warn/crit at 3/5)"),
             Metric("kube_pod_restart_rate", 4, levels=(3, 5))],
            id="crashloop-restarts-since-an-earlier-check",
        ),
        # Ready and ContainersReady went False at creation, 260 s before the recording.
        pytest.param(
            CRASHING, "kubemon_pod_conditions", None, {}, {}, NOW,
            [
                not_ready("Ready", OK, "4 minutes 20 seconds"),
                Result(state=OK, notice=f"Ready: {UNREADY}"),
                not_ready("ContainersReady", OK, "4 minutes 20 seconds"),
                Result(state=OK, notice=f"ContainersReady: {UNREADY}"),
                Result(state=OK, notice="PodReadyToStartContainers: True"),
                Result(state=OK, notice="Initialized: True"),
                Result(state=OK, notice="PodScheduled: True"),
            ],
            id="crashloop-conditions-not-yet-too-long",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_conditions", None, {}, {}, NOW + 400,
            [
                not_ready("Ready", CRIT, "11 minutes 0 seconds"),
                Result(state=OK, notice=f"Ready: {UNREADY}"),
                not_ready("ContainersReady", CRIT, "11 minutes 0 seconds"),
                Result(state=OK, notice=f"ContainersReady: {UNREADY}"),
                Result(state=OK, notice="PodReadyToStartContainers: True"),
                Result(state=OK, notice="Initialized: True"),
                Result(state=OK, notice="PodScheduled: True"),
            ],
            id="crashloop-conditions-400s-later",
        ),
        # Per condition: Ready without levels (agent_kube's default), ContainersReady kept.
        pytest.param(
            CRASHING, "kubemon_pod_conditions", None, {"ready": ("no_levels", None)}, {},
            NOW + 400,
            [
                not_ready("Ready", OK, "11 minutes 0 seconds"),
                Result(state=OK, notice=f"Ready: {UNREADY}"),
                not_ready("ContainersReady", CRIT, "11 minutes 0 seconds"),
                Result(state=OK, notice=f"ContainersReady: {UNREADY}"),
                Result(state=OK, notice="PodReadyToStartContainers: True"),
                Result(state=OK, notice="Initialized: True"),
                Result(state=OK, notice="PodScheduled: True"),
            ],
            id="crashloop-conditions-ready-without-levels",
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
            [Result(state=OK, summary="Request: 0.1 cores"), Metric("kube_cpu_request", 0.1),
             Result(state=OK, summary="Limit: 0.2 cores"), Metric("kube_cpu_limit", 0.2),
             counted(1, 0, 0)],
            id="crashloop-cpu",
        ),
        pytest.param(
            CRASHING, "kubemon_memory_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 128 MiB"),
             Metric("kube_memory_request", 134217728),
             Result(state=OK, summary="Limit: 256 MiB"),
             Metric("kube_memory_limit", 268435456),
             counted(1, 0, 0)],
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
            [Result(state=OK, summary="Request: 0.1 cores"), Metric("kube_cpu_request", 0.1),
             Result(state=OK, summary="Limit: 0 cores (set by 0 of 1 containers)"),
             Metric("kube_cpu_limit", 0.0),
             counted(1, 0, 1)],
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
                Result(
                    state=OK,
                    notice="Controlled by: Deployment coredns <- ReplicaSet coredns-64fd4b4794",
                ),
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
             Result(state=OK,
                    notice="Image: rancher/klipper-helm:v0.9.8-build20250709, ready: no")],
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
            UNSCHEDULABLE, "kubemon_pod_status", None, {}, {"status": ["Pending", NOW - 258]},
            NOW + 60,
            [Result(state=OK, summary="Pending"),
             Result(state=WARN, summary=f"Seen for: 5 minutes 18 seconds {FIVE_TEN}")],
            id="unschedulable-status-a-minute-later",
        ),
        # Never seen before: Pending since its creation at 20:50:21 UTC, 258 s before NOW.
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_status", None, {}, {}, NOW,
            [Result(state=OK, summary="Pending"),
             Result(state=OK, summary="Seen for: 4 minutes 18 seconds")],
            id="unschedulable-status-first-check",
        ),
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_status", None, {}, {}, NOW + 3600,
            [Result(state=OK, summary="Pending"),
             Result(state=CRIT, summary=f"Seen for: 1 hour 4 minutes {FIVE_TEN}")],
            id="unschedulable-status-first-check-an-hour-later",
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
            [Result(state=OK,
                    summary="PodScheduled: False (Unschedulable) for: 4 minutes 18 seconds"),
             Result(state=OK, notice="PodScheduled: 0/1 nodes are available: 1 Insufficient cpu. "
                    "preemption: 0/1 nodes are available: 1 No preemption victims found for "
                    "incoming pod.")],
            id="unschedulable-conditions",
        ),
    ]


def _object_cases() -> list[Any]:
    return [
        # Node c9b7eea91: Ready, no pressure, kubelet v1.33.4+k3s1 posted 244 s ago.
        pytest.param(
            NODE, "kubemon_node_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="Ready, all 4 conditions OK"),
             Result(state=OK, notice="MemoryPressure: False (KubeletHasSufficientMemory)"),
             Result(state=OK, notice="DiskPressure: False (KubeletHasNoDiskPressure)"),
             Result(state=OK, notice="PIDPressure: False (KubeletHasSufficientPID)"),
             Result(state=OK, notice="Ready: True (KubeletReady)")],
            id="node-conditions",
        ),
        pytest.param(
            NODE, "kubemon_node_kubelet", None, {}, {}, NOW,
            [Result(state=OK, summary="Healthy"),
             Result(state=OK, summary="Version: v1.33.4+k3s1"),
             Result(state=OK, notice="Last heartbeat: 4 minutes 4 seconds")],
            id="node-kubelet",
        ),
        pytest.param(
            NODE, "kubemon_node_kubelet", None, {"heartbeat_age": ("fixed", (120.0, 600.0))}, {},
            NOW,
            [Result(state=OK, summary="Healthy"),
             Result(state=OK, summary="Version: v1.33.4+k3s1"),
             Result(state=WARN, notice="Last heartbeat: 4 minutes 4 seconds "
                    "(warn/crit at 2 minutes 0 seconds/10 minutes 0 seconds)")],
            id="node-kubelet-heartbeat-levels",
        ),
        # On the node: 9 running containers (svclb-traefik has two), backend-api's one
        # waiting, and the two helm-install pods Succeeded (2 terminated containers).
        pytest.param(
            NODE, "kubemon_node_containers", None, None, {}, NOW,
            [Result(state=OK, summary="Running: 9"), Metric("kube_node_container_count_running", 9),
             Result(state=OK, summary="Waiting: 1"), Metric("kube_node_container_count_waiting", 1),
             Result(state=OK, summary="Terminated: 2"), Metric("kube_node_container_count_terminated", 2),
             Result(state=OK, summary="Total: 12"), Metric("kube_node_container_count_total", 12)],
            id="node-containers",
        ),
        # 110 pod slots; 9 running pods hold one each, the 2 Succeeded ones none.
        pytest.param(
            NODE, "kubemon_pod_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Running: 9"), Metric("kube_pod_running", 9),
             Result(state=OK, summary="Pending: 0"), Metric("kube_pod_pending", 0),
             Result(state=OK, summary="Succeeded: 2"), Metric("kube_pod_succeeded", 2),
             Result(state=OK, summary="Failed: 0"), Metric("kube_pod_failed", 0),
             Result(state=OK, summary="Unknown: 0"), Metric("kubemon_pods_unknown", 0),
             Result(state=OK, summary="Allocatable: 110, free: 101"),
             Result(state=OK, summary="Free share: 91.82%"),
             Metric("kube_pod_allocatable", 110), Metric("kube_pod_free", 101)],
            id="node-pod-resources",
        ),
        # 2 allocatable cores; 10 containers of the pods not finished: requests 1.3 cores
        # (traefik, local-path-provisioner and svclb-traefik's two set none), limits 1.6.
        pytest.param(
            NODE, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 1.3 cores (set by 6 of 10 containers)"),
             Metric("kube_cpu_request", 1.3),
             Result(state=OK, summary="Limit: 1.6 cores (set by 4 of 10 containers)"),
             Metric("kube_cpu_limit", 1.6),
             Result(state=OK, summary="Allocatable: 2 cores"),
             Metric("kube_cpu_allocatable", 2.0),
             counted(10, 4, 6)],
            id="node-cpu",
        ),
        pytest.param(
            NODE, "kubemon_node_info", None, None, {}, NOW,
            [Result(state=OK, summary="Name: c9b7eea91"),
             Result(state=OK, summary="Age: 15 minutes 0 seconds"),
             Result(state=OK, notice="Roles: control-plane, master"),
             Result(state=OK, notice="OS: Ubuntu 24.04.2 LTS"),
             Result(state=OK, notice="Kernel: 5.15.161"),
             Result(state=OK, notice="Architecture: amd64"),
             Result(state=OK, notice="Container runtime: containerd://2.0.5-k3s2"),
             Result(state=OK, notice="Kubelet: v1.33.4+k3s1"),
             Result(state=OK, notice="Addresses: InternalIP 10.0.0.11, Hostname c9b7eea91"),
             Result(state=OK, notice="Taints: none")],
            id="node-info",
        ),
        # coredns Deployment: 1 of 1 replica ready, Available and Progressing True.
        pytest.param(
            DEPLOYMENT, "kubemon_workload_replicas", None, {}, {}, NOW,
            [Result(state=OK, summary="Ready: 1/1, Up-to-date: 1/1, Available: 1/1"),
             Metric("kube_desired_replicas", 1), Metric("kube_ready_replicas", 1),
             Metric("kube_updated_replicas", 1), Metric("kube_available_replicas", 1)],
            id="deployment-replicas",
        ),
        pytest.param(
            DEPLOYMENT, "kubemon_workload_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="All conditions OK (2)"),
             Result(state=OK, notice="Available: True"),
             Result(state=OK, notice="Progressing: True")],
            id="deployment-conditions",
        ),
        pytest.param(
            DEPLOYMENT, "kubemon_workload_info", None, None, {}, NOW,
            [Result(state=OK, summary="Name: coredns"),
             Result(state=OK, summary="Kind: Deployment"),
             Result(state=OK, notice="Namespace: kube-system"),
             Result(state=OK, notice="Age: 14 minutes 57 seconds"),
             Result(state=OK, notice="Images: rancher/mirrored-coredns-coredns:1.12.3"),
             Result(state=OK, notice="Strategy: RollingUpdate"),
             Result(state=OK, notice="Selector: k8s-app=kube-dns")],
            id="deployment-info",
        ),
        pytest.param(
            DEPLOYMENT, "kubemon_pod_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Running: 1"), Metric("kube_pod_running", 1),
             Result(state=OK, summary="Pending: 0"), Metric("kube_pod_pending", 0),
             Result(state=OK, summary="Succeeded: 0"), Metric("kube_pod_succeeded", 0),
             Result(state=OK, summary="Failed: 0"), Metric("kube_pod_failed", 0),
             Result(state=OK, summary="Unknown: 0"), Metric("kubemon_pods_unknown", 0)],
            id="deployment-pod-resources",
        ),
        # backend-api Deployment: its one replica crash-loops, Available False since creation.
        pytest.param(
            UNAVAILABLE, "kubemon_workload_replicas", None, {}, {}, NOW,
            [Result(state=OK, summary="Ready: 0/1, Up-to-date: 1/1, Available: 0/1"),
             Metric("kube_desired_replicas", 1), Metric("kube_ready_replicas", 0),
             Metric("kube_updated_replicas", 1), Metric("kube_available_replicas", 0),
             Result(state=OK, summary="Not ready for: 0 seconds")],
            id="unavailable-replicas-first-check",
        ),
        pytest.param(
            UNAVAILABLE, "kubemon_workload_replicas", None, {},
            {"not_ready": ["failing", NOW - 700], "not_updated": ["ok", NOW - 700]}, NOW,
            [Result(state=OK, summary="Ready: 0/1, Up-to-date: 1/1, Available: 0/1"),
             Metric("kube_desired_replicas", 1), Metric("kube_ready_replicas", 0),
             Metric("kube_updated_replicas", 1), Metric("kube_available_replicas", 0),
             Result(state=CRIT, summary=f"Not ready for: 11 minutes 40 seconds {FIVE_TEN}")],
            id="unavailable-replicas-for-long",
        ),
        # minReadySeconds 0: "Not available for" shows only once the rule sets levels.
        pytest.param(
            UNAVAILABLE, "kubemon_workload_replicas", None,
            {"not_available_duration": ("fixed", (300.0, 600.0))},
            {"not_available": ["failing", NOW - 400], "not_ready": ["failing", NOW - 400]}, NOW,
            [Result(state=OK, summary="Ready: 0/1, Up-to-date: 1/1, Available: 0/1"),
             Metric("kube_desired_replicas", 1), Metric("kube_ready_replicas", 0),
             Metric("kube_updated_replicas", 1), Metric("kube_available_replicas", 0),
             Result(state=WARN, summary=f"Not available for: 6 minutes 40 seconds {FIVE_TEN}"),
             Result(state=WARN, summary=f"Not ready for: 6 minutes 40 seconds {FIVE_TEN}")],
            id="unavailable-replicas-with-available-levels",
        ),
        pytest.param(
            UNAVAILABLE, "kubemon_workload_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="Available: False (MinimumReplicasUnavailable) "
                    "for: 4 minutes 20 seconds"),
             Result(state=OK, notice="Available: Deployment does not have minimum availability."),
             Result(state=OK, notice="Progressing: True")],
            id="unavailable-conditions",
        ),
        # svclb-traefik DaemonSet: scheduled on its 1 node, ready; reports no conditions;
        # its two klipper-lb containers set no requests or limits.
        pytest.param(
            DAEMONSET, "kubemon_workload_replicas", None, {}, {}, NOW,
            [Result(state=OK, summary="Ready: 1/1, Up-to-date: 1/1, Available: 1/1"),
             Metric("kube_desired_replicas", 1), Metric("kube_ready_replicas", 1),
             Metric("kube_updated_replicas", 1), Metric("kube_available_replicas", 1),
             Result(state=OK, notice="Misscheduled: 0"),
             Metric("kube_misscheduled_replicas", 0)],
            id="daemonset-replicas",
        ),
        # Its containers lb-tcp-80 and lb-tcp-443 run the same klipper-lb image.
        pytest.param(
            DAEMONSET, "kubemon_workload_info", None, None, {}, NOW,
            [Result(state=OK, summary="Name: svclb-traefik-9ce4920b"),
             Result(state=OK, summary="Kind: DaemonSet"),
             Result(state=OK, notice="Namespace: kube-system"),
             Result(state=OK, notice="Age: 14 minutes 15 seconds"),
             Result(state=OK, notice="Images: rancher/klipper-lb:v0.4.13"),
             Result(state=OK, notice="Strategy: RollingUpdate"),
             Result(state=OK, notice="Selector: app=svclb-traefik-9ce4920b")],
            id="daemonset-info-one-image-for-two-containers",
        ),
        pytest.param(
            DAEMONSET, "kubemon_workload_conditions", None, {}, {}, NOW,
            [Result(state=OK, summary="All conditions OK (0)")],
            id="daemonset-conditions",
        ),
        pytest.param(
            DAEMONSET, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 0 cores (set by 0 of 2 containers)"),
             Metric("kube_cpu_request", 0.0),
             Result(state=OK, summary="Limit: 0 cores (set by 0 of 2 containers)"),
             Metric("kube_cpu_limit", 0.0),
             counted(2, 2, 2)],
            id="daemonset-cpu",
        ),
    ]


def _cluster_cases() -> list[Any]:
    return [
        # The replay had no /livez and /readyz; the other 14 API sources answered.
        pytest.param(
            CLUSTER, "kubemon_agent_status", None, {}, {}, NOW,
            [Result(state=OK, summary="Sources OK: 14/16, agent 0.0.0-test, run took 0.00 s"),
             Result(state=WARN, summary="kube/livez: GET /livez was not recorded"),
             Result(state=WARN, summary="kube/readyz: GET /readyz?verbose was not recorded")],
            id="cluster-agent-status",
        ),
        pytest.param(
            CLUSTER, "kubemon_cluster_nodes", None, {}, {}, NOW,
            [Result(state=OK, summary="Control plane nodes ready: 1/1"),
             Metric("kube_node_count_control_plane_ready", 1),
             Metric("kube_node_count_control_plane_not_ready", 0),
             Metric("kube_node_count_control_plane_total", 1),
             Result(state=OK, summary="Worker nodes ready: 0/0"),
             Metric("kube_node_count_worker_ready", 0),
             Metric("kube_node_count_worker_not_ready", 0),
             Metric("kube_node_count_worker_total", 0),
             Result(state=OK, summary="Not ready: 0")],
            id="cluster-nodes",
        ),
        # 9 running and 2 unschedulable (pending) pods hold 11 of the node's 110 slots.
        pytest.param(
            CLUSTER, "kubemon_pod_resources", None, {"pending_duration": ("fixed", (300.0, 600.0))},
            {}, NOW,
            [Result(state=OK, summary="Running: 9"), Metric("kube_pod_running", 9),
             Result(state=OK, summary="Pending: 2"), Metric("kube_pod_pending", 2),
             Result(state=OK, summary="Succeeded: 2"), Metric("kube_pod_succeeded", 2),
             Result(state=OK, summary="Failed: 0"), Metric("kube_pod_failed", 0),
             Result(state=OK, summary="Unknown: 0"), Metric("kubemon_pods_unknown", 0),
             Result(state=OK, summary="Allocatable: 110, free: 99"),
             Result(state=OK, summary="Free share: 90.00%"),
             Metric("kube_pod_allocatable", 110), Metric("kube_pod_free", 99),
             Result(state=OK, summary="Longest pending: cpu-intensive-app-7bcfc5d944-hw2vc "
                    "for: 4 minutes 18 seconds")],
            id="cluster-pod-resources-with-pending-levels",
        ),
        # The two pending cpu-intensive-app pods ask 0.8 cores each on top of the node's 1.3:
        # the cluster is asked for more CPU than its 2 cores, which is why they stay pending.
        pytest.param(
            CLUSTER, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 2.9 cores (set by 8 of 12 containers)"),
             Metric("kube_cpu_request", 2.9),
             Result(state=OK, summary="Limit: 3.6 cores (set by 6 of 12 containers)"),
             Metric("kube_cpu_limit", 3.6),
             Result(state=OK, summary="Allocatable: 2 cores"),
             Metric("kube_cpu_allocatable", 2.0),
             Result(state=WARN, summary="Requests overcommit: 2.9 cores > allocatable 2 cores"),
             Result(state=WARN, summary="Limits overcommit: 3.6 cores > allocatable 2 cores"),
             counted(12, 4, 6)],
            id="cluster-cpu-overcommitted",
        ),
        pytest.param(
            CLUSTER, "kubemon_memory_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 696 MiB (set by 8 of 12 containers)"),
             Metric("kube_memory_request", 729808896),
             Result(state=OK, summary="Limit: 1.25 GiB (set by 7 of 12 containers)"),
             Metric("kube_memory_limit", 1344274432),
             Result(state=OK, summary="Allocatable: 7.77 GiB"),
             Metric("kube_memory_allocatable", 8341561344),
             counted(12, 4, 5)],
            id="cluster-memory",
        ),
        pytest.param(
            CLUSTER, "kubemon_cluster_storage", None, {}, {}, NOW,
            [Result(state=OK, summary="Volumes: 0"),
             Result(state=OK, summary="Capacity: 0 B"),
             Metric("kubemon_pv_capacity", 0),
             Result(state=OK, notice="Storage classes: 0, default: none")],
            id="cluster-storage-empty",
        ),
        pytest.param(
            CLUSTER, "kubemon_cluster_info", None, None, {}, NOW,
            [Result(state=OK, summary="Name: k3s"),
             Result(state=OK, summary="Version: v1.33.4+k3s1"),
             Result(state=OK, notice="API server: https://127.0.0.1:6443"),
             Result(state=OK, notice="Platform: linux/amd64")],
            id="cluster-info",
        ),
        # Namespace default: backend-api, memory-hungry-app ×2 and cpu-intensive-app ×3
        # (2 of them pending); every container sets requests and limits.
        pytest.param(
            NAMESPACE, "kubemon_pod_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Running: 4"), Metric("kube_pod_running", 4),
             Result(state=OK, summary="Pending: 2"), Metric("kube_pod_pending", 2),
             Result(state=OK, summary="Succeeded: 0"), Metric("kube_pod_succeeded", 0),
             Result(state=OK, summary="Failed: 0"), Metric("kube_pod_failed", 0),
             Result(state=OK, summary="Unknown: 0"), Metric("kubemon_pods_unknown", 0)],
            id="namespace-pod-resources",
        ),
        pytest.param(
            NAMESPACE, "kubemon_cpu_resources", None, {}, {}, NOW,
            [Result(state=OK, summary="Request: 2.7 cores"), Metric("kube_cpu_request", 2.7),
             Result(state=OK, summary="Limit: 3.6 cores"), Metric("kube_cpu_limit", 3.6),
             counted(6, 0, 0)],
            id="namespace-cpu",
        ),
        # backend-api started 20:50:19 UTC (.status.startTime), 260 s before NOW.
        pytest.param(
            CRASHING, "kubemon_pod_phase", None, None, {}, NOW,
            [Result(state=OK, summary="Running")],
            id="pod-phase-running",
        ),
        pytest.param(
            CRASHING, "kubemon_pod_uptime", None, {"min": ("fixed", (600.0, 300.0))}, {}, NOW,
            [Result(state=OK, summary="Up since 2025-09-11 20:50:19"),
             Result(state=CRIT, summary="Uptime: 4 minutes 20 seconds (warn/crit below "
                    "10 minutes 0 seconds/5 minutes 0 seconds)"),
             Metric("uptime", 260.0)],
            id="pod-uptime-below-lower-levels",
        ),
        # cpu-intensive-app is unschedulable: Pending, no start time.
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_phase", None, None, {}, NOW,
            [Result(state=OK, summary="Pending")],
            id="pod-phase-pending",
        ),
        pytest.param(
            UNSCHEDULABLE, "kubemon_pod_uptime", None, {}, {}, NOW,
            [Result(state=OK, summary="Not started yet")],
            id="pod-uptime-not-started",
        ),
        pytest.param(
            NAMESPACE, "kubemon_namespace_info", None, None, {}, NOW,
            [Result(state=OK, summary="Name: default"),
             Result(state=OK, summary="Phase: Active"),
             Result(state=OK, notice="Age: 15 minutes 2 seconds")],
            id="namespace-info",
        ),
    ]


@pytest.mark.parametrize(
    "host, name, item, params, store, now, expected",
    _pod_cases() + _object_cases() + _cluster_cases(),
)
def test_whole_outcome(
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


@pytest.mark.parametrize(
    "host, expected",
    [
        (CLUSTER, {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "cluster",
                   "cmk/kubernetes/cluster": "k3s"}),
        (
            NAMESPACE,
            {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "namespace",
             "cmk/kubernetes/cluster": "k3s", "cmk/kubernetes/cluster-host": "k3s",
             "cmk/kubernetes/namespace": "default",
             "cmk/kubernetes/label/kubernetes.io/metadata.name": "default"},
        ),
        (
            NODE,
            {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "node",
             "cmk/kubernetes/cluster": "k3s", "cmk/kubernetes/cluster-host": "k3s",
             "cmk/kubernetes/node": "c9b7eea91", "cmk/os_family": "linux",
             **{f"cmk/kubernetes/label/{key}": value for key, value in (
                 ("beta.kubernetes.io/arch", "amd64"),
                 ("beta.kubernetes.io/instance-type", "k3s"),
                 ("beta.kubernetes.io/os", "linux"),
                 ("kubernetes.io/arch", "amd64"),
                 ("kubernetes.io/hostname", "c9b7eea91"),
                 ("kubernetes.io/os", "linux"),
                 ("node-role.kubernetes.io/control-plane", "true"),
                 ("node-role.kubernetes.io/master", "true"),
                 ("node.kubernetes.io/instance-type", "k3s"),
             )}},
        ),
        (
            HEALTHY,
            {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "pod",
             "cmk/kubernetes/cluster": "k3s", "cmk/kubernetes/cluster-host": "k3s",
             "cmk/kubernetes/namespace": "kube-system", "cmk/kubernetes/node": "c9b7eea91",
             "cmk/kubernetes/replicaset": "coredns-64fd4b4794",
             "cmk/kubernetes/deployment": "coredns",
             "cmk/kubernetes/label/k8s-app": "kube-dns",
             "cmk/kubernetes/label/pod-template-hash": "64fd4b4794"},
        ),
        (
            COMPLETED,
            {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "pod",
             "cmk/kubernetes/cluster": "k3s", "cmk/kubernetes/cluster-host": "k3s",
             "cmk/kubernetes/namespace": "kube-system", "cmk/kubernetes/node": "c9b7eea91",
             "cmk/kubernetes/job": "helm-install-traefik-crd",
             "cmk/kubernetes/label/batch.kubernetes.io/controller-uid":
                 "1c2a467f-43b4-4545-a3b6-ee8da13d2b16",
             "cmk/kubernetes/label/batch.kubernetes.io/job-name": "helm-install-traefik-crd",
             "cmk/kubernetes/label/controller-uid": "1c2a467f-43b4-4545-a3b6-ee8da13d2b16",
             "cmk/kubernetes/label/helmcharts.helm.cattle.io/chart": "traefik-crd",
             "cmk/kubernetes/label/job-name": "helm-install-traefik-crd"},
        ),
        (
            DAEMONSET,
            {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "daemonset",
             "cmk/kubernetes/cluster": "k3s", "cmk/kubernetes/cluster-host": "k3s",
             "cmk/kubernetes/namespace": "kube-system",
             "cmk/kubernetes/daemonset": "svclb-traefik-9ce4920b",
             "cmk/kubernetes/label/objectset.rio.cattle.io/hash":
                 "836fcbce022d5dae5b36694fe1eaf389c93af7dc",
             "cmk/kubernetes/label/svccontroller.k3s.cattle.io/nodeselector": "false",
             "cmk/kubernetes/label/svccontroller.k3s.cattle.io/svcname": "traefik",
             "cmk/kubernetes/label/svccontroller.k3s.cattle.io/svcnamespace": "kube-system"},
        ),
    ],
)
def test_host_labels(
    hosts: dict[str, dict[str, Any]], host: str, expected: dict[str, str]
) -> None:
    labels = list(host_labels_kubemon_object_labels(hosts[host]["kubemon_object_labels"]))
    if "kubemon_node_info" in hosts[host]:
        labels += host_labels_kubemon_node_info(hosts[host]["kubemon_node_info"])
    assert len(labels) == len({label.name for label in labels}), "a host label twice"
    assert {label.name: label.value for label in labels} == expected

"""HW/SW inventory over the agent's golden outputs of the real recordings, under agent_kube's paths.

The expected values are the recorded facts: k3s-v1.33.4-troubleshoot (one node c9b7eea91, Ubuntu
24.04.2, containerd 2.0.5-k3s2, allocatable 2 CPU / 8341561344 B / 110 pods; coredns with
RollingUpdate maxSurge 25% maxUnavailable 1) and kurl-monitoring-troubleshoot (StatefulSet
prometheus-k8s); CronJobs are in no recording, so the documented example stands in for one.
"""

from typing import Any

import kubemon_env
import pytest
from kubemon_golden import golden_hosts
from kubemon_site import _section_kwargs

from cmk.agent_based.v2 import Attributes, InventoryPlugin, TableRow
from cmk_addons.plugins.kubemon.lib.common import match_expressions_text

PLUGINS = {p.name: p for p in kubemon_env.plugin_objects("agent_based", "inventory_plugin_").values()}
KUBE = ["software", "applications", "kube"]
K3S = "k3s-v1.33.4-troubleshoot"


def inventory(name: str, host: dict[str, Any]) -> list[object]:
    plugin = PLUGINS[name]
    kwargs = _section_kwargs(plugin, host)
    return [] if kwargs is None else list(plugin.inventory_function(**kwargs))


def labels(**pairs: str) -> list[TableRow]:
    return [
        TableRow(path=[*KUBE, "labels"], key_columns={"label_name": k},
                 inventory_columns={"label_value": v})
        for k, v in sorted(pairs.items())
    ]


@pytest.fixture(scope="module")
def k3s() -> dict[str, dict[str, Any]]:
    return golden_hosts(K3S, "k3s")


def test_one_plugin_per_agent_kube_object_type() -> None:
    assert set(PLUGINS) == {
        f"kubemon_{kind}" for kind in (
            "cluster", "node", "namespace", "pod", "deployment", "daemonset", "statefulset",
            "cronjob",
        )
    }
    assert all(isinstance(p, InventoryPlugin) for p in PLUGINS.values())


def test_cluster(k3s: dict[str, dict[str, Any]]) -> None:
    assert inventory("kubemon_cluster", k3s["k3s"]) == [
        Attributes(path=[*KUBE, "metadata"], inventory_attributes={"object": "cluster", "name": "k3s"}),
        Attributes(path=[*KUBE, "cluster"], inventory_attributes={"version": "v1.33.4+k3s1"}),
    ]


def test_node(k3s: dict[str, dict[str, Any]]) -> None:
    got = inventory("kubemon_node", k3s["node_k3s_c9b7eea91"])
    assert got[:4] == [
        Attributes(path=[*KUBE, "metadata"], inventory_attributes={"object": "Node", "name": "c9b7eea91"}),
        Attributes(
            path=[*KUBE, "node"],
            inventory_attributes={
                "name": "c9b7eea91", "operating_system": "linux", "os_image": "Ubuntu 24.04.2 LTS",
                "kernel_version": "5.15.161", "architecture": "amd64",
                "container_runtime_version": "containerd://2.0.5-k3s2",
                "kubelet_version": "v1.33.4+k3s1", "allocatable_cpu": 2.0,
                "allocatable_memory": 8341561344, "allocatable_pods": 110, "capacity_pods": 110,
            },
        ),
        TableRow(path=[*KUBE, "network"], key_columns={"ip": "10.0.0.11"},
                 inventory_columns={"address_type": "InternalIP"}),
        TableRow(path=[*KUBE, "network"], key_columns={"ip": "c9b7eea91"},
                 inventory_columns={"address_type": "Hostname"}),
    ]
    rows = {r.key_columns["label_name"]: r.inventory_columns["label_value"] for r in got[4:]}
    assert rows["node-role.kubernetes.io/control-plane"] == "true"
    assert rows["kubernetes.io/hostname"] == "c9b7eea91"


def test_namespace(k3s: dict[str, dict[str, Any]]) -> None:
    assert inventory("kubemon_namespace", k3s["namespace_k3s_default"]) == [
        Attributes(path=[*KUBE, "metadata"], inventory_attributes={"object": "Namespace", "name": "default"}),
        *labels(**{"kubernetes.io/metadata.name": "default"}),
    ]


def test_pod(k3s: dict[str, dict[str, Any]]) -> None:
    name = "backend-api-75fb46b7bd-xtkrh"
    assert inventory("kubemon_pod", k3s[f"pod_k3s_default_{name}"]) == [
        Attributes(path=[*KUBE, "metadata"],
                   inventory_attributes={"object": "Pod", "name": name, "namespace": "default"}),
        Attributes(
            path=[*KUBE, "pod"],
            inventory_attributes={
                "name": name, "namespace": "default", "dns_policy": "ClusterFirst",
                "host_ip": "10.0.0.11", "host_network": False,
                "node": "c9b7eea91", "pod_ip": "10.42.0.16", "qos_class": "Burstable",
                "restart_policy": "Always",
            },
        ),
        # Crash-looping: not ready, 5 restarts when the bundle was taken.
        TableRow(path=[*KUBE, "containers"], key_columns={"name": "api-server"},
                 inventory_columns={"ready": False, "restart_count": 5, "image": "alpine:latest",
                                    "image_pull_policy": "Always", "init": False}),
        *labels(app="backend-api", **{"pod-template-hash": "75fb46b7bd"}),
    ]


def test_deployment_and_only_its_plugin(k3s: dict[str, dict[str, Any]]) -> None:
    host = k3s["deployment_k3s_kube-system_coredns"]
    assert inventory("kubemon_deployment", host)[:2] == [
        Attributes(path=[*KUBE, "metadata"],
                   inventory_attributes={"object": "Deployment", "name": "coredns",
                                         "namespace": "kube-system"}),
        Attributes(path=[*KUBE, "deployment"],
                   inventory_attributes={"strategy": "RollingUpdate (max surge: 25%, max unavailable: 1)",
                                         "match_labels": "k8s-app=kube-dns",
                                         "match_expressions": "", "replicas": 1}),
    ]
    assert inventory("kubemon_daemonset", host) == []
    assert inventory("kubemon_statefulset", host) == []


def test_daemonset(k3s: dict[str, dict[str, Any]]) -> None:
    host = k3s["daemonset_k3s_kube-system_svclb-traefik-9ce4920b"]
    assert inventory("kubemon_daemonset", host)[1] == Attributes(
        path=[*KUBE, "daemonset"],
        inventory_attributes={"strategy": "RollingUpdate (max surge: 0, max unavailable: 1)",
                              "match_labels": "app=svclb-traefik-9ce4920b",
                              "match_expressions": "", "replicas": 1},
    )
    assert inventory("kubemon_deployment", host) == []


def test_statefulset() -> None:
    host = golden_hosts("kurl-monitoring-troubleshoot", "kurl")["statefulset_kurl_monitoring_prometheus-k8s"]
    got = inventory("kubemon_statefulset", host)
    assert got[0] == Attributes(
        path=[*KUBE, "metadata"],
        inventory_attributes={"object": "StatefulSet", "name": "prometheus-k8s", "namespace": "monitoring"},
    )
    assert got[1].path == [*KUBE, "statefulset"]
    assert got[1].inventory_attributes["strategy"] == "RollingUpdate"
    assert "prometheus=k8s" in got[1].inventory_attributes["match_labels"].split(", ")


def test_deployment_selector_of_the_documented_example(examples: dict[str, Any]) -> None:
    # docs/sections.md: matchLabels k8s-app=kube-dns, matchExpressions tier NotIn [canary].
    info = examples["kubemon_workload_info"]
    got = inventory("kubemon_deployment", {"kubemon_workload_info": info})
    assert got[1].inventory_attributes["match_labels"] == "k8s-app=kube-dns"
    assert got[1].inventory_attributes["match_expressions"] == "tier notin (canary)"


def test_match_expressions_as_kubectl_writes_them() -> None:
    expressions = [
        {"key": "tier", "operator": "In", "values": ["web", "api"]},
        {"key": "track", "operator": "Exists", "values": []},
        {"key": "legacy", "operator": "DoesNotExist", "values": []},
    ]
    assert match_expressions_text(expressions) == "tier in (web, api), track, !legacy"


def test_cronjob_of_the_documented_example(examples: dict[str, Any]) -> None:
    assert inventory("kubemon_cronjob", {"kubemon_cronjob_info": examples["kubemon_cronjob_info"]}) == [
        Attributes(path=[*KUBE, "metadata"],
                   inventory_attributes={"object": "CronJob", "name": "backup", "namespace": "default"}),
        Attributes(path=[*KUBE, "cronjob"],
                   inventory_attributes={"schedule": "*/5 * * * *", "timezone": None,
                                         "concurrency_policy": "Forbid", "suspend": False}),
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda: Attributes(path=[], inventory_attributes={}),
        lambda: Attributes(path=KUBE, inventory_attributes={"x": [1]}),
        lambda: TableRow(path=KUBE, key_columns={}),
        lambda: TableRow(path=KUBE, key_columns={"a": 1}, inventory_columns={"a": 2}),
    ],
)
def test_the_standin_refuses_what_checkmk_refuses(make: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        make()

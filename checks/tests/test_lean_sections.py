"""The `_v2` sections' parse functions: a key the agent left out is the default docs/sections.md
names for it, and a key it wrote wins."""

import json
from typing import Any

from cmk_addons.plugins.kubemon.agent_based import kubemon_object_labels, kubemon_sections


def _table(value: Any) -> list[list[str]]:
    return [[json.dumps(value, separators=(",", ":"))]]


def test_object_labels_defaults_and_the_cluster_host() -> None:
    parse = kubemon_object_labels.parse_kubemon_object_labels
    pod = parse(_table({"object": "pod", "cluster": "prod", "name": "web-0"}))
    assert pod == {
        "object": "pod",
        "cluster": "prod",
        "cluster_host": "prod",  # left out: it is the cluster's name
        "name": "web-0",
        "namespace": None,
        "node": None,
        "controllers": [],
        "labels": {},
        "annotations": {},
    }
    assert parse(_table({"object": "cluster", "cluster": "prod", "name": "prod"}))[
        "cluster_host"
    ] is None
    other = parse(_table({"object": "node", "cluster": "prod", "cluster_host": "k8s-prod"}))
    assert other["cluster_host"] == "k8s-prod"
    chain = parse(_table({"object": "pod", "cluster": "p", "controllers": ["Job/j-1", "CronJob/j"]}))
    assert chain["controllers"] == [
        {"kind": "Job", "name": "j-1"},
        {"kind": "CronJob", "name": "j"},
    ]
    assert parse([]) is None


def test_resources_left_out_sums_and_counts_are_zero() -> None:
    parsed = kubemon_sections.parse_resources(_table({"requests": 0.1, "count_total": 1}))
    assert parsed == {
        "requests": 0.1,
        "limits": 0,
        "count_total": 1,
        "count_unspecified_requests": 0,
        "count_unspecified_limits": 0,
        "count_zeroed_limits": 0,
        "allocatable": None,
    }


def test_pod_info_defaults_and_status_is_the_phase() -> None:
    parsed = kubemon_sections.parse_pod_info(_table({"phase": "Running", "pod_ip": "10.0.0.1"}))
    assert parsed == {
        "uid": None,
        "creation_timestamp": None,
        "start_time": None,
        "phase": "Running",
        "status": "Running",
        "reason": None,
        "message": None,
        "qos_class": None,
        "restart_policy": "Always",
        "dns_policy": "ClusterFirst",
        "host_network": False,
        "pod_ip": "10.0.0.1",
        "host_ip": None,
        "deletion_timestamp": None,
    }
    written = kubemon_sections.parse_pod_info(
        _table({"phase": "Running", "status": "CrashLoopBackOff", "dns_policy": "Default"}),
    )
    assert (written["status"], written["dns_policy"]) == ("CrashLoopBackOff", "Default")
    assert kubemon_sections.parse_pod_info(_table({}))["status"] == "Running"
    # The start time is the creation time unless written; a phase written as null stays null.
    started = kubemon_sections.parse_pod_info(_table({"creation_timestamp": 5}))
    assert (started["start_time"], started["phase"]) == (5, "Running")
    pending = kubemon_sections.parse_pod_info(
        _table({"creation_timestamp": 5, "start_time": None, "phase": None}),
    )
    assert (pending["start_time"], pending["phase"], pending["status"]) == (None, None, None)


def test_conditions_keyed_by_type_become_the_list_in_order() -> None:
    parsed = kubemon_sections.parse_conditions(
        _table(
            {
                "PodScheduled": 1764190000,
                "Ready": {"status": "False", "reason": "ContainersNotReady", "since": 1764190100},
                "DisruptionTarget": {},
            },
        ),
    )
    assert parsed == {
        "conditions": [
            {
                "type": "PodScheduled",
                "status": "True",
                "reason": None,
                "message": None,
                "last_transition_time": 1764190000,
            },
            {
                "type": "Ready",
                "status": "False",
                "reason": "ContainersNotReady",
                "message": None,
                "last_transition_time": 1764190100,
            },
            {
                "type": "DisruptionTarget",
                "status": "True",
                "reason": None,
                "message": None,
                "last_transition_time": None,
            },
        ],
    }
    assert kubemon_sections.parse_conditions(_table({})) == {"conditions": []}
    # The number alone is the object holding only `since`; `true` repeats the one before.
    assert kubemon_sections.parse_conditions(
        _table({"Available": 1764190000}),
    ) == kubemon_sections.parse_conditions(_table({"Available": {"since": 1764190000}}))
    assert kubemon_sections.parse_conditions(
        _table({"Ready": {"reason": "Up", "since": 7}, "Initialized": True, "Scheduled": True}),
    ) == kubemon_sections.parse_conditions(
        _table({"Ready": {"reason": "Up", "since": 7}, "Initialized": 7, "Scheduled": 7}),
    )


def test_pod_resources_left_out_counts_are_zero() -> None:
    parsed = kubemon_sections.parse_pod_resources(_table({"running": 3}))
    assert parsed == {
        "running": 3,
        "pending": 0,
        "succeeded": 0,
        "failed": 0,
        "unknown": 0,
        "allocatable": None,
        "capacity": None,
        "pending_pods": [],
    }


def test_workload_info_defaults_and_the_deployment_strategy() -> None:
    parse = kubemon_sections.parse_workload_info
    parsed = parse(_table({"kind": "Deployment", "name": "web", "generation": 4}))
    assert parsed == {
        "kind": "Deployment",
        "name": "web",
        "creation_timestamp": None,
        "generation": 4,
        "observed_generation": 4,  # left out: it equals `generation`
        "selector": {},
        "match_expressions": [],
        "images": [],
        "containers": [],
        "strategy": {
            "type": "RollingUpdate",
            "max_surge": "25%",
            "max_unavailable": "25%",
            "partition": None,
        },
        "min_ready_seconds": 0,
    }
    # Another kind has no usual strategy; one written (even empty) and a null generation win.
    other = parse(_table({"kind": "StatefulSet", "generation": 2, "observed_generation": None}))
    assert other["strategy"] == dict.fromkeys(("type", "max_surge", "max_unavailable", "partition"))
    assert other["observed_generation"] is None
    assert parse(_table({"kind": "Deployment", "strategy": {}}))["strategy"]["type"] is None
    exists = {"key": "track", "operator": "Exists"}
    assert parse(_table({"kind": "Deployment", "match_expressions": [exists]}))[
        "match_expressions"
    ] == [{**exists, "values": []}]


def test_workload_replicas_zeros_and_misscheduled_of_daemonsets() -> None:
    parse = kubemon_sections.parse_workload_replicas
    assert parse(_table({"kind": "Deployment", "desired": 2, "ready": 0})) == {
        "kind": "Deployment",
        "desired": 2,
        "ready": 0,
        "updated": 2,  # left out: equal to `desired`
        "available": 2,
        "misscheduled": None,
    }
    assert parse(_table({"kind": "StatefulSet", "ready": 1}))["desired"] == 0
    assert parse(_table({"kind": "DaemonSet"}))["misscheduled"] == 0
    assert parse(_table({"kind": "DaemonSet", "misscheduled": 1}))["misscheduled"] == 1


def test_pod_containers_defaults() -> None:
    parsed = kubemon_sections.parse_pod_containers(
        _table(
            {
                "containers": [
                    {"name": "init", "init": True, "state": {"type": "terminated", "exit_code": 0}},
                    {"name": "app", "image_pull_policy": "Always", "requests": {"cpu": 0.1}},
                ],
            },
        ),
    )
    init, app = parsed["containers"]
    assert init == {
        "name": "init",
        "init": True,
        "image": None,
        "image_pull_policy": "IfNotPresent",
        "ready": False,
        "restart_count": 0,
        "state": {
            "type": "terminated",
            "reason": None,
            "message": None,
            "exit_code": 0,
            "started_at": None,
            "finished_at": None,
        },
        "last_state": None,
        "requests": {"cpu": None, "memory": None},
        "limits": {"cpu": None, "memory": None},
    }
    assert (app["init"], app["image_pull_policy"], app["state"]) == (False, "Always", None)
    assert app["requests"] == {"cpu": 0.1, "memory": None}
    assert kubemon_sections.parse_pod_containers(_table({})) == {"containers": []}


def test_pod_usage_nulls_and_the_single_container() -> None:
    parsed = kubemon_sections.parse_pod_usage(
        _table({"source": "metrics_api", "cpu_cores": 0.25, "memory_working_set_bytes": 100}),
    )
    assert parsed == {
        "source": "metrics_api",
        "timestamp": None,
        "cpu_cores": 0.25,
        "memory_working_set_bytes": 100,
        "cpu_throttled_ratio": None,
        "oom_kills": None,
        "network_rx_bytes_per_s": None,
        "network_tx_bytes_per_s": None,
        "containers": {},
    }
    two = kubemon_sections.parse_pod_usage(
        _table(
            {"source": "prometheus", "oom_kills": 0, "containers": {"a": {"cpu_cores": 1}, "b": {}}},
        ),
    )
    assert two["oom_kills"] == 0
    assert two["containers"] == {
        "a": {"cpu_cores": 1, "memory_working_set_bytes": None},
        "b": {"cpu_cores": None, "memory_working_set_bytes": None},
    }

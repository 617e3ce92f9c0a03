"""The runner over whole agent outputs: hosts, states, crashes, value stores, the golden agent output."""

import json
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from kubemon_golden import RECORDINGS, golden_file
from kubemon_scenarios import REPO, agent_output, full_scenario

import agent_kube

RUNNER = REPO / "checks" / "tools" / "run_checks.py"


def run(text: str, *options: str) -> Any:
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--json", *options],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def states(services: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    return {(s["host"], s["service"]): s["state"] for s in services}


@pytest.fixture(scope="module")
def full() -> list[dict[str, Any]]:
    return run(agent_output(full_scenario()), "--cluster-host", "k3s")


def test_hosts_and_sorting(full: list[dict[str, Any]]) -> None:
    assert sorted({s["host"] for s in full}) == [
        "cronjob_k3s_default_backup",
        "daemonset_k3s_kube-system_svclb",
        "k3s",
        "namespace_k3s_default",
        "node_k3s_k3s-server",
        "pod_k3s_default_crashy-6d5f7b9c8-x2x9z",
        "pod_k3s_default_hog-7c9f-abcde",
        "statefulset_k3s_default_db",
    ]
    assert [(s["host"], s["service"]) for s in full] == sorted(
        (s["host"], s["service"]) for s in full
    )


def test_service_names_are_unique_per_host(full: list[dict[str, Any]]) -> None:
    # Checkmk refuses two plug-ins that discover the same service name on one host.
    pairs = [(s["host"], s["service"]) for s in full]
    assert len(pairs) == len(set(pairs))


def test_states_of_the_scenario(full: list[dict[str, Any]]) -> None:
    got = states(full)
    hog, crashy = "pod_k3s_default_hog-7c9f-abcde", "pod_k3s_default_crashy-6d5f7b9c8-x2x9z"
    assert got[(hog, "Status")] == "CRIT"
    assert got[(hog, "Container hog")] == "CRIT"
    assert got[(hog, "Container sidecar")] == "OK"
    assert got[(hog, "CPU throttling")] == "WARN"
    assert got[(hog, "PVC data")] == "CRIT"
    assert got[(crashy, "Status")] == "CRIT"
    assert got[("k3s", "Agent status")] == "WARN"
    assert got[("k3s", "Jobs")] == "WARN"  # the example's db-migrate failed
    assert got[("k3s", "Prometheus pipeline")] == "CRIT"
    assert got[("k3s", "Prometheus query broken")] == "UNKNOWN"
    assert got[("node_k3s_k3s-server", "Filesystem")] == "CRIT"
    assert got[("daemonset_k3s_kube-system_svclb", "Replicas")] == "OK"
    assert (hog, "Container init-db") not in got
    assert got[("statefulset_k3s_default_db", "PVC data")] == "OK"  # the doc example: Bound
    kubelet = next(x for x in full if x["service"] == "Kubelet")  # the clock makes it CRIT
    assert "Health check: ok" in kubelet["summary"], kubelet


def defined_metrics() -> set[str]:
    """Ours, and agent_kube's that Checkmk itself defines (checks/tests/agent_kube.py)."""
    import kubemon_env

    ours = {m.name for m in kubemon_env.plugin_objects("graphing", "metric_").values()}
    assert not ours & agent_kube.METRICS, "Checkmk defines these already"
    return ours | agent_kube.METRICS | agent_kube.GENERIC_METRICS


def test_every_emitted_metric_is_defined(full: list[dict[str, Any]]) -> None:
    import kubemon_env

    ours = {m.name for m in kubemon_env.plugin_objects("graphing", "metric_").values()}
    emitted = {m["name"] for s in full for m in s["metrics"]}
    missing = emitted - defined_metrics()
    assert not missing, f"metrics without a metric_ definition: {sorted(missing)}"
    # The full scenario exercises every metric: no definition is orphaned.
    assert ours <= emitted, f"metric_ definitions no scenario emits: {sorted(ours - emitted)}"


def test_every_metric_name_in_the_code_is_defined() -> None:
    """Static side: every name a plug-in passes to Metric() or metric_name= matches a definition."""
    import re

    defined = defined_metrics()
    code = [REPO / "checks" / "lib", REPO / "checks" / "agent_based"]
    names = [
        match
        for folder in code
        for path in folder.glob("*.py")
        for match in re.findall(
            r'(?:Metric\(|metric_name=|metric = |name = )f?"(kube(?:mon)?_[^"]*)"', path.read_text()
        )
    ]
    assert len(names) > 15
    for name in names:
        pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", r"\\w+", re.escape(name)) + "$")
        assert any(pattern.match(d) for d in defined), f"{name} matches no metric_ definition"


def test_a_crashing_section_costs_only_its_own_services() -> None:
    text = agent_output(
        {"": {"kubemon_cluster_nodes": "{not json", "kubemon_cluster_storage": {"volumes": [], "storage_classes": []}}},
    )
    got = {s["service"]: s for s in run(text)}
    assert got["Nodes"]["state"] == "UNKNOWN"
    assert got["Nodes"]["summary"].startswith(
        "check plug-in crashed: JSONDecodeError: Expecting property name",
    )
    assert got["Storage"]["state"] == "OK"


def test_a_crashing_check_is_unknown_with_the_exception_text() -> None:
    text = agent_output({"": {"kubemon_cluster_nodes": {"nodes": [{"roles": None}]}}})
    (nodes,) = run(text)
    assert (nodes["state"], nodes["summary"]) == (
        "UNKNOWN",
        "check plug-in crashed: KeyError: 'name'",
    )


def test_value_store_persists_between_runs(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    pod = {"kubemon_pod_containers": {"containers": [{"name": "a", "restart_count": 4}]}}
    run(agent_output({"pod_x": pod}), "--state", str(state))
    pod["kubemon_pod_containers"]["containers"][0]["restart_count"] = 9
    restarts = {s["service"]: s for s in run(agent_output({"pod_x": pod}), "--state", str(state))}["Restarts"]
    assert restarts["summary"] == "Total: 9, In last hour: 5 (warn/crit at 3/5)"
    assert restarts["state"] == "CRIT"


def test_table_and_labels() -> None:
    text = agent_output({"pod_k3s_default_p": {"kubemon_object_labels": {"object": "pod", "cluster": "k3s", "cluster_host": "k3s", "labels": {}},
                                                "kubemon_pod_info": {"name": "p", "namespace": "default", "status": "Running", "phase": None}}})
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--labels"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.splitlines() == [
        "HOST               STATE  SERVICE  SUMMARY",
        "pod_k3s_default_p  OK     Info     Name: p, Namespace: default",
        "pod_k3s_default_p  OK     Phase    Unknown",
        "pod_k3s_default_p  OK     Status   Running",
        "pod_k3s_default_p  OK     Uptime   Not started yet",
        "",
        "HOST LABELS",
        "pod_k3s_default_p  cmk/kubernetes:yes",
        "pod_k3s_default_p  cmk/kubernetes/cluster:k3s",
        "pod_k3s_default_p  cmk/kubernetes/cluster-host:k3s",
        "pod_k3s_default_p  cmk/kubernetes/object:pod",
    ]


REAL = REPO.parent / "shared" / "fixtures" / "real"


def _container_crit(status: dict[str, Any]) -> bool:
    """What the recording itself says is broken: crash-looping, or exited with an error."""
    state = status.get("state") or {}
    waiting, terminated = state.get("waiting") or {}, state.get("terminated") or {}
    return waiting.get("reason") == "CrashLoopBackOff" or terminated.get("exitCode", 0) != 0


def _golden_pods(recording: str) -> dict[str, dict[str, str]]:
    """As _recorded_pods, read off the project's own recording of the agent's output.

    Without ../shared the golden output (agent/src/test/resources/golden/…) is the recording at
    hand: the same rule is applied to the pod sections it holds, read here with json alone, not
    with the plug-ins' parse functions.
    """
    expected: dict[str, dict[str, str]] = {}
    host, section = "", ""
    sections: dict[str, dict[str, Any]] = {}
    for line in golden_file(recording).read_text(encoding="utf-8").splitlines():
        if line.startswith("<<<<"):
            host = line[4:-4]
        elif line.startswith("<<<"):
            section = line[3:].split(":")[0].rstrip(">")
        elif host.startswith("pod_") and section in (
            "kubemon_pod_containers_v2",
            "kubemon_pod_info_v3",
        ):
            sections.setdefault(host, {})[section] = json.loads(line)
    for pod, found in sections.items():
        # raw _v2 JSON: a default (init false, no state) is left out
        containers = [
            c for c in found["kubemon_pod_containers_v2"].get("containers", []) if not c.get("init")
        ]
        states = {}
        for c in containers:
            state = c.get("state") or {}
            broken = (state.get("type") == "waiting" and state.get("reason") == "CrashLoopBackOff") or (
                state.get("type") == "terminated" and (state.get("exit_code") or 0) != 0
            )
            states[f"Container {c['name']}"] = "CRIT" if broken else "OK"
        pending = found["kubemon_pod_info_v3"].get("phase") == "Pending" and all(
            c.get("state") is None for c in containers
        )
        expected[pod] = {"Status": "CRIT" if pending or "CRIT" in states.values() else "OK", **states}
    return expected


def _recorded_pods(recording: str, pod_lists: str, cluster: str) -> dict[str, dict[str, str]]:
    """Pod host → service → state, derived from the container states of the recorded pods."""
    if not (REAL / recording).is_dir():
        # ../shared is only in the workspace; the project's own recording stands in for it.
        return _golden_pods(recording)
    expected = {}
    for path in sorted((REAL / recording).glob(pod_lists)):
        for pod in json.loads(path.read_text(encoding="utf-8"))["items"]:
            meta, statuses = pod["metadata"], pod["status"].get("containerStatuses") or []
            containers = {
                f"Container {c['name']}": "CRIT" if _container_crit(c) else "OK" for c in statuses
            }
            for spec in pod["spec"]["containers"]:  # not created yet: no status recorded
                containers.setdefault(f"Container {spec['name']}", "OK")
            # Unscheduled (Pending without container statuses) since its creation, which the
            # runner's wall clock puts far beyond the 600 s CRIT level.
            pending = pod["status"].get("phase") == "Pending" and not statuses
            status = "CRIT" if pending or "CRIT" in containers.values() else "OK"
            host = f"pod_{cluster}_{meta['namespace']}_{meta['name']}"
            expected[host] = {"Status": status, **containers}
    return expected


@pytest.mark.parametrize(
    "recording, pod_lists, cluster",
    [
        # backend-api crash-loops; every other container runs, waits to be scheduled or is done.
        ("k3s-v1.33.4-troubleshoot", "pods-*.json", "k3s"),
        # The e2e-failjob pods exit 42; the others run or completed.
        ("minikube-v1.35.0-nri-kubernetes", "kubelet-pods.json", "minikube"),
    ],
)
def test_golden_agent_output_of_a_recorded_cluster(
    recording: str, pod_lists: str, cluster: str
) -> None:
    expected = _recorded_pods(recording, pod_lists, cluster)
    golden = golden_file(recording)
    got = states(run(golden.read_text(encoding="utf-8"), "--cluster-host", cluster))
    pods = {
        host: {s: state for (h, s), state in got.items() if h == host and s in wanted}
        for host, wanted in expected.items()
    }
    assert {h for h, _ in got if h.startswith("pod_")} == set(expected)
    assert pods == expected
    # Each recording holds both kinds, so this shows broken pods CRIT and healthy ones OK.
    assert {p["Status"] for p in expected.values()} == {"OK", "CRIT"}


@pytest.mark.parametrize("recording", RECORDINGS)
def test_golden_outputs_crash_nothing_and_emit_only_defined_metrics(recording: str) -> None:
    import kubemon_env

    golden = golden_file(recording)
    services = run(golden.read_text(encoding="utf-8"), "--cluster-host", "cluster")
    assert [s for s in services if "crashed" in s["summary"]] == []
    assert {m["name"] for s in services for m in s["metrics"]} <= defined_metrics()


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is no value store file (Expecting property name enclosed in double quotes"),
        ("[1]", "is no value store file (not a JSON object); delete it to start over"),
    ],
)
def test_a_broken_state_file_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    state = tmp_path / "state.json"
    state.write_text(content)
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--state", str(state)], input="", capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"run_checks.py: --state {state} ") and message in done.stderr


def test_a_missing_agent_output_file_is_one_clear_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(RUNNER), str(tmp_path / "nope.txt")], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (2, f"run_checks.py: cannot read the agent output {tmp_path / 'nope.txt'}: No such file or directory\n")


def test_json_with_labels() -> None:
    text = agent_output({"": {"kubemon_object_labels": {"object": "cluster", "cluster": "k3s", "cluster_host": None}}})
    assert run(text, "--labels", "--cluster-host", "k3s") == {
        "services": [],
        "host_labels": {
            "k3s": {"cmk/kubernetes": "yes", "cmk/kubernetes/object": "cluster", "cmk/kubernetes/cluster": "k3s"}
        },
    }


def test_plugin_cpu_is_printed_on_stderr_and_is_part_of_the_run() -> None:
    text = agent_output(full_scenario())
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--plugin-cpu", "--cluster-host", "k3s"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    match = re.fullmatch(r"plug-in CPU s: (\d+\.\d{4})\n", done.stderr)
    assert match, done.stderr
    # Some plug-in ran, and its share cannot exceed the CPU of the whole (waited-for) process.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert 0 < float(match.group(1)) <= children.ru_utime + children.ru_stime

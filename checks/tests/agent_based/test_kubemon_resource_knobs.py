"""The resource knobs agent_kube has: absolute usage, lower request levels, cluster/node apart."""

from cmk.agent_based.v2 import Metric, Result, State, render

from cmk_addons.plugins.kubemon.lib.resources import DEFAULT_PARAMS, check_resources

SECTION = {
    "requests": 2.0,
    "limits": 4.0,
    "count_total": 2,
    "allocatable": 8.0,
}


def _states(params: dict, used: float, context: str | None, resource: str = "cpu") -> dict:
    results = check_resources(resource, {**DEFAULT_PARAMS, **params}, SECTION, used, str, context)
    return {
        r.summary.split(":")[0]: r.state
        for r in results
        if isinstance(r, Result) and r.summary
    }


def test_defaults_leave_the_new_knobs_off() -> None:
    states = _states({}, 0.1, "node")
    assert states["Usage"] == State.OK
    assert states["Usage of request"] == State.OK  # 5 % of the request, no lower levels


def test_absolute_usage_levels_in_cores() -> None:
    assert _states({"usage": ("fixed", (1.0, 3.0))}, 2.0, None)["Usage"] == State.WARN
    assert _states({"usage": ("fixed", (1.0, 3.0))}, 3.5, None)["Usage"] == State.CRIT


def test_memory_usage_levels_are_entered_in_mib() -> None:
    section = {"requests": 1.0, "count_total": 1}
    params = {**DEFAULT_PARAMS, "usage": ("fixed", (100, 200))}
    results = list(
        check_resources("memory", params, section, 150 * 1024 * 1024, render.bytes, None)
    )
    usage = [r for r in results if isinstance(r, Result) and r.summary.startswith("Usage:")]
    assert usage[0].state == State.WARN, usage
    assert Metric("kube_memory_usage", 150 * 1024 * 1024, levels=(100 * 1048576.0,
                  200 * 1048576.0)) in results


def test_lower_levels_on_the_request_share() -> None:
    params = {"request_lower": ("fixed", (20.0, 10.0))}
    assert _states(params, 0.3, None)["Usage of request"] == State.WARN  # 15 %
    assert _states(params, 0.1, None)["Usage of request"] == State.CRIT  # 5 %
    assert _states(params, 1.0, None)["Usage of request"] == State.OK  # 50 %


def test_cluster_and_node_allocatable_levels_apart() -> None:
    params = {"cluster_allocatable": ("fixed", (10.0, 20.0))}
    # 3 of 8 cores: 37.5 %, below the general 80/90, above the cluster's own 10/20.
    assert _states(params, 3.0, "cluster")["Usage of allocatable"] == State.CRIT
    assert _states(params, 3.0, "node")["Usage of allocatable"] == State.OK
    params = {"node_allocatable": ("fixed", (30.0, 50.0))}
    assert _states(params, 3.0, "node")["Usage of allocatable"] == State.WARN
    assert _states(params, 3.0, "cluster")["Usage of allocatable"] == State.OK

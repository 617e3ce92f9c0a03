"""Metrics, graphs and perfometers of the values only kubemon emits.

Where a value means what one of agent_kube's does, the checks emit agent_kube's metric name
(`kube_*`) and it is NOT defined here: Checkmk's own Kubernetes graphing (every site has it)
defines those metrics, their graphs and perfometers, so a host's graphs continue after a
switch-over (docs/switching-from-agent-kube.md). Defining them twice would compete with it.
"""

from cmk.graphing.v1 import Title, graphs, metrics, perfometers

_BYTES = metrics.Unit(metrics.IECNotation("B"))
_BYTES_S = metrics.Unit(metrics.SINotation("B/s"))
_COUNT = metrics.Unit(metrics.DecimalNotation(""), metrics.StrictPrecision(0))
_PERCENT = metrics.Unit(metrics.DecimalNotation("%"))
_SECONDS = metrics.Unit(metrics.TimeNotation())
_VALUE = metrics.Unit(metrics.DecimalNotation(""), metrics.AutoPrecision(4))

C = metrics.Color


def _metric(name: str, title: str, unit: metrics.Unit, color: metrics.Color) -> metrics.Metric:
    return metrics.Metric(name=name, title=Title(title), unit=unit, color=color)


metric_kubemon_pv_capacity = _metric(
    "kubemon_pv_capacity",
    "PersistentVolume capacity",
    _BYTES,
    C.BLUE,
)
metric_kubemon_prometheus_targets_down = _metric(
    "kubemon_prometheus_targets_down",
    "Prometheus targets down",
    _COUNT,
    C.RED,
)

metric_kubemon_pods_unknown = _metric(
    "kubemon_pods_unknown",
    "Pods in phase Unknown",
    _COUNT,
    C.GRAY,
)

metric_kubemon_fs_used_percent = _metric(
    "kubemon_fs_used_percent",
    "Node filesystem used",
    _PERCENT,
    C.BLUE,
)
metric_kubemon_fs_used = _metric("kubemon_fs_used", "Node filesystem used space", _BYTES, C.BLUE)
metric_kubemon_network_rx_bytes_per_s = _metric(
    "kubemon_network_rx_bytes_per_s",
    "Network in",
    _BYTES_S,
    C.GREEN,
)
metric_kubemon_network_tx_bytes_per_s = _metric(
    "kubemon_network_tx_bytes_per_s",
    "Network out",
    _BYTES_S,
    C.BLUE,
)

metric_kubemon_cpu_throttled_percent = _metric(
    "kubemon_cpu_throttled_percent",
    "CPU periods throttled",
    _PERCENT,
    C.RED,
)
metric_kubemon_pvc_used_percent = _metric("kubemon_pvc_used_percent", "PVC used", _PERCENT, C.BLUE)
metric_kubemon_pvc_used = _metric("kubemon_pvc_used", "PVC used space", _BYTES, C.BLUE)


metric_kubemon_quota_cpu_request_percent = _metric(
    "kubemon_quota_cpu_request_percent",
    "CPU requests of quota",
    _PERCENT,
    C.BLUE,
)
metric_kubemon_quota_cpu_limit_percent = _metric(
    "kubemon_quota_cpu_limit_percent",
    "CPU limits of quota",
    _PERCENT,
    C.ORANGE,
)
metric_kubemon_quota_memory_request_percent = _metric(
    "kubemon_quota_memory_request_percent",
    "Memory requests of quota",
    _PERCENT,
    C.BLUE,
)
metric_kubemon_quota_memory_limit_percent = _metric(
    "kubemon_quota_memory_limit_percent",
    "Memory limits of quota",
    _PERCENT,
    C.ORANGE,
)
metric_kubemon_cronjob_failed_jobs = _metric(
    "kubemon_cronjob_failed_jobs",
    "Failed jobs",
    _COUNT,
    C.RED,
)
metric_kubemon_jobs_running = _metric("kubemon_jobs_running", "Running jobs", _COUNT, C.BLUE)
metric_kubemon_jobs_failed = _metric("kubemon_jobs_failed", "Failed jobs", _COUNT, C.RED)
metric_kubemon_jobs_since_success = _metric(
    "kubemon_jobs_since_success",
    "Time since the newest successful job",
    _SECONDS,
    C.GREEN,
)
metric_kubemon_query_value = _metric("kubemon_query_value", "PromQL query value", _VALUE, C.PURPLE)
metric_kubemon_custom_metric_value = _metric(
    "kubemon_custom_metric_value",
    "Custom metric value",
    _VALUE,
    C.PURPLE,
)


graph_kubemon_throttling = graphs.Graph(
    name="kubemon_throttling",
    title=Title("CPU throttling"),
    minimal_range=graphs.MinimalRange(0, 100),
    simple_lines=["kubemon_cpu_throttled_percent"],
)
graph_kubemon_pvc = graphs.Graph(
    name="kubemon_pvc",
    title=Title("PVC usage"),
    minimal_range=graphs.MinimalRange(0, 100),
    simple_lines=["kubemon_pvc_used_percent"],
)
graph_kubemon_jobs = graphs.Graph(
    name="kubemon_jobs",
    title=Title("Standalone jobs"),
    simple_lines=["kubemon_jobs_running", "kubemon_jobs_failed"],
)


def _percent_perfometer(name: str) -> perfometers.Perfometer:
    return perfometers.Perfometer(
        name=name,
        focus_range=perfometers.FocusRange(perfometers.Closed(0), perfometers.Closed(100)),
        segments=[name],
    )


perfometer_kubemon_pvc_used_percent = _percent_perfometer("kubemon_pvc_used_percent")
perfometer_kubemon_fs_used_percent = _percent_perfometer("kubemon_fs_used_percent")
perfometer_kubemon_cpu_throttled_percent = _percent_perfometer("kubemon_cpu_throttled_percent")

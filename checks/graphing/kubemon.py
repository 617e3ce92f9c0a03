"""Metrics, graphs and perfometers of every value the kubemon checks emit."""

from cmk.graphing.v1 import Title, graphs, metrics, perfometers

_CORES = metrics.Unit(metrics.DecimalNotation("cores"), metrics.AutoPrecision(3))
_BYTES = metrics.Unit(metrics.IECNotation("B"))
_BYTES_S = metrics.Unit(metrics.SINotation("B/s"))
_COUNT = metrics.Unit(metrics.DecimalNotation(""), metrics.StrictPrecision(0))
_PERCENT = metrics.Unit(metrics.DecimalNotation("%"))
_SECONDS = metrics.Unit(metrics.TimeNotation())
_VALUE = metrics.Unit(metrics.DecimalNotation(""), metrics.AutoPrecision(4))

C = metrics.Color


def _metric(name: str, title: str, unit: metrics.Unit, color: metrics.Color) -> metrics.Metric:
    return metrics.Metric(name=name, title=Title(title), unit=unit, color=color)


metric_kubemon_nodes_not_ready = _metric(
    "kubemon_nodes_not_ready",
    "Nodes not ready",
    _COUNT,
    C.RED,
)
metric_kubemon_nodes_total = _metric("kubemon_nodes_total", "Nodes", _COUNT, C.BLUE)
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

metric_kubemon_pods_running = _metric("kubemon_pods_running", "Running pods", _COUNT, C.GREEN)
metric_kubemon_pods_pending = _metric("kubemon_pods_pending", "Pending pods", _COUNT, C.YELLOW)
metric_kubemon_pods_succeeded = _metric("kubemon_pods_succeeded", "Succeeded pods", _COUNT, C.BLUE)
metric_kubemon_pods_failed = _metric("kubemon_pods_failed", "Failed pods", _COUNT, C.RED)
metric_kubemon_pods_unknown = _metric(
    "kubemon_pods_unknown",
    "Pods in phase Unknown",
    _COUNT,
    C.GRAY,
)
metric_kubemon_pods_allocatable = _metric(
    "kubemon_pods_allocatable",
    "Allocatable pods",
    _COUNT,
    C.DARK_BLUE,
)
metric_kubemon_pods_free = _metric("kubemon_pods_free", "Free pod slots", _COUNT, C.CYAN)

metric_kubemon_cpu_usage = _metric("kubemon_cpu_usage", "CPU usage", _CORES, C.GREEN)
metric_kubemon_cpu_request = _metric("kubemon_cpu_request", "CPU requests", _CORES, C.BLUE)
metric_kubemon_cpu_limit = _metric("kubemon_cpu_limit", "CPU limits", _CORES, C.ORANGE)
metric_kubemon_cpu_allocatable = _metric(
    "kubemon_cpu_allocatable",
    "Allocatable CPU",
    _CORES,
    C.DARK_BLUE,
)
metric_kubemon_cpu_request_utilization = _metric(
    "kubemon_cpu_request_utilization",
    "CPU usage of requests",
    _PERCENT,
    C.BLUE,
)
metric_kubemon_cpu_limit_utilization = _metric(
    "kubemon_cpu_limit_utilization",
    "CPU usage of limits",
    _PERCENT,
    C.ORANGE,
)
metric_kubemon_cpu_allocatable_utilization = _metric(
    "kubemon_cpu_allocatable_utilization",
    "CPU usage of allocatable",
    _PERCENT,
    C.DARK_BLUE,
)
metric_kubemon_memory_usage = _metric(
    "kubemon_memory_usage",
    "Memory usage (working set)",
    _BYTES,
    C.GREEN,
)
metric_kubemon_memory_request = _metric("kubemon_memory_request", "Memory requests", _BYTES, C.BLUE)
metric_kubemon_memory_limit = _metric("kubemon_memory_limit", "Memory limits", _BYTES, C.ORANGE)
metric_kubemon_memory_allocatable = _metric(
    "kubemon_memory_allocatable",
    "Allocatable memory",
    _BYTES,
    C.DARK_BLUE,
)
metric_kubemon_memory_request_utilization = _metric(
    "kubemon_memory_request_utilization",
    "Memory usage of requests",
    _PERCENT,
    C.BLUE,
)
metric_kubemon_memory_limit_utilization = _metric(
    "kubemon_memory_limit_utilization",
    "Memory usage of limits",
    _PERCENT,
    C.ORANGE,
)
metric_kubemon_memory_allocatable_utilization = _metric(
    "kubemon_memory_allocatable_utilization", "Memory usage of allocatable", _PERCENT, C.DARK_BLUE
)

metric_kubemon_containers_running = _metric(
    "kubemon_containers_running",
    "Running containers",
    _COUNT,
    C.GREEN,
)
metric_kubemon_containers_waiting = _metric(
    "kubemon_containers_waiting",
    "Waiting containers",
    _COUNT,
    C.YELLOW,
)
metric_kubemon_containers_terminated = _metric(
    "kubemon_containers_terminated",
    "Terminated containers",
    _COUNT,
    C.GRAY,
)
metric_kubemon_containers_total = _metric("kubemon_containers_total", "Containers", _COUNT, C.BLUE)
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

metric_kubemon_restarts_total = _metric(
    "kubemon_restarts_total",
    "Container restarts",
    _COUNT,
    C.ORANGE,
)
metric_kubemon_restarts_last_hour = _metric(
    "kubemon_restarts_last_hour",
    "Container restarts in the last hour",
    _COUNT,
    C.RED,
)
metric_kubemon_cpu_throttled_percent = _metric(
    "kubemon_cpu_throttled_percent",
    "CPU periods throttled",
    _PERCENT,
    C.RED,
)
metric_kubemon_pvc_used_percent = _metric("kubemon_pvc_used_percent", "PVC used", _PERCENT, C.BLUE)
metric_kubemon_pvc_used = _metric("kubemon_pvc_used", "PVC used space", _BYTES, C.BLUE)

metric_kubemon_replicas_desired = _metric(
    "kubemon_replicas_desired",
    "Desired replicas",
    _COUNT,
    C.GRAY,
)
metric_kubemon_replicas_ready = _metric("kubemon_replicas_ready", "Ready replicas", _COUNT, C.GREEN)
metric_kubemon_replicas_updated = _metric(
    "kubemon_replicas_updated",
    "Up-to-date replicas",
    _COUNT,
    C.BLUE,
)
metric_kubemon_replicas_available = _metric(
    "kubemon_replicas_available",
    "Available replicas",
    _COUNT,
    C.CYAN,
)
metric_kubemon_replicas_misscheduled = _metric(
    "kubemon_replicas_misscheduled",
    "Misscheduled replicas",
    _COUNT,
    C.RED,
)

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
metric_kubemon_cronjob_since_success = _metric(
    "kubemon_cronjob_since_success",
    "Time since the last successful job",
    _SECONDS,
    C.BLUE,
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


def _resource_graph(resource: str, title: str) -> graphs.Graph:
    return graphs.Graph(
        name=f"kubemon_{resource}",
        title=Title(title),
        simple_lines=[
            f"kubemon_{resource}_{kind}" for kind in ("usage", "request", "limit", "allocatable")
        ],
        optional=[
            f"kubemon_{resource}_{kind}" for kind in ("usage", "request", "limit", "allocatable")
        ],
    )


graph_kubemon_cpu = _resource_graph("cpu", "CPU resources")
graph_kubemon_memory = _resource_graph("memory", "Memory resources")
graph_kubemon_pods = graphs.Graph(
    name="kubemon_pods",
    title=Title("Pods"),
    compound_lines=[
        f"kubemon_pods_{p}" for p in ("running", "pending", "succeeded", "failed", "unknown")
    ],
    simple_lines=["kubemon_pods_allocatable"],
    optional=["kubemon_pods_allocatable"],
)
graph_kubemon_restarts = graphs.Graph(
    name="kubemon_restarts",
    title=Title("Container restarts"),
    simple_lines=["kubemon_restarts_total", "kubemon_restarts_last_hour"],
)
graph_kubemon_replicas = graphs.Graph(
    name="kubemon_replicas",
    title=Title("Replicas"),
    simple_lines=[
        f"kubemon_replicas_{k}" for k in (
            "desired",
            "ready",
            "updated",
            "available",
            "misscheduled",
        )
    ],
    optional=["kubemon_replicas_misscheduled"],
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
graph_kubemon_containers = graphs.Graph(
    name="kubemon_containers",
    title=Title("Containers"),
    compound_lines=[
        "kubemon_containers_running",
        "kubemon_containers_waiting",
        "kubemon_containers_terminated",
    ],
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
perfometer_kubemon_cpu_limit_utilization = _percent_perfometer("kubemon_cpu_limit_utilization")
perfometer_kubemon_memory_limit_utilization = _percent_perfometer(
    "kubemon_memory_limit_utilization",
)
perfometer_kubemon_restarts_last_hour = perfometers.Perfometer(
    name="kubemon_restarts_last_hour",
    focus_range=perfometers.FocusRange(perfometers.Closed(0), perfometers.Open(10)),
    segments=["kubemon_restarts_last_hour"],
)
perfometer_kubemon_replicas_ready = perfometers.Perfometer(
    name="kubemon_replicas_ready",
    focus_range=perfometers.FocusRange(perfometers.Closed(0), perfometers.Open(10)),
    segments=["kubemon_replicas_ready"],
)

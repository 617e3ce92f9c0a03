"""Server-side call: turns the `kubemon` rule into the agent's argv (docs/agent-cli.md).

The token `Secret` goes after `--token-id` as is: the core renders it as `<id>:<store file>`,
so the token itself never reaches the command line.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cmk.server_side_calls.v1 import (
    EnvProxy,
    HostConfig,
    NoProxy,
    Secret,
    SpecialAgentCommand,
    SpecialAgentConfig,
    URLProxy,
)

Args = list[str | Secret]


DEFAULT_EXCLUDED_ROLES = ("control-plane", "infra")


def _tls(tls: tuple[str, Any], prefix: str) -> Args:
    kind, value = tls
    if kind == "ca_cert":
        return [f"--{prefix}ca-cert", value]
    if kind == "no_verify":
        return [f"--{prefix}no-cert-check"]
    return []  # "site_cas": the agent's default trust


def _proxy(proxy: object) -> Args:
    if isinstance(proxy, URLProxy):
        return ["--proxy", proxy.url]
    if isinstance(proxy, NoProxy):
        return ["--proxy", "NO_PROXY"]
    if isinstance(proxy, EnvProxy):
        return ["--proxy", "FROM_ENVIRONMENT"]
    return []


def _repeat(option: str, values: Sequence[str]) -> Args:
    return [arg for value in values for arg in (option, value)]


# Rule key → the agent's name of the usage source (--usage-sources).
USAGE_SOURCES = {
    "prometheus": "prometheus",
    "metrics_api": "metrics-api",
    "custom_metrics": "custom-metrics",
    "kubelet": "kubelet",
}


def _usage(usage: Mapping[str, Any]) -> Args:
    sources = [name for key, name in USAGE_SOURCES.items() if key in usage]
    args: Args = ["--usage-sources", ",".join(sources) or "none"]
    if "prometheus" in usage:
        kind, value = usage["prometheus"]
        if kind == "service":
            args += ["--prometheus-service", value]
        else:
            args += ["--prometheus-url", value["url"], *_tls(value["tls"], "prometheus-")]
    if "kubelet" in usage:
        args += ["--kubelet-concurrency", str(usage["kubelet"]["concurrency"])]
    return args


def _namespaces(namespaces: tuple[str, Sequence[str]] | None) -> Args:
    if namespaces is None:
        return []
    kind, patterns = namespaces
    return _repeat(f"--namespace-{kind}", patterns)


def _annotations(choice: tuple[str, Any] | None) -> Args:
    if choice is None:
        return []
    kind, pattern = choice
    return ["--all-annotations"] if kind == "all" else ["--annotation-pattern", pattern]


def _arguments(params: Mapping[str, Any], host_config: HostConfig) -> Iterator[str | Secret]:
    timeouts = params["timeouts"]
    yield from ["--cluster-name", params["cluster_name"], "--cluster-host", host_config.name]
    yield from ["--api-server-url", params["api_server_url"], "--token-id", params["token"]]
    if params.get("allow_http"):
        yield "--allow-http"
    yield from _tls(params["tls"], "")
    yield from _proxy(params.get("proxy"))
    yield from [
        "--connect-timeout",
        str(timeouts["connect"]),
        "--read-timeout",
        str(timeouts["read"]),
    ]
    yield from ["--deadline", str(timeouts["deadline"])]
    yield from ["--monitored-objects", ",".join(params["monitored_objects"])]
    yield from _namespaces(params.get("namespaces"))
    yield from _annotations(params.get("import_annotations"))
    # Like agent_kube: without the option, control-plane and infra nodes stay out of the
    # cluster host's sums; an empty list keeps every node in them.
    roles = params.get("aggregation_exclude_node_roles", DEFAULT_EXCLUDED_ROLES)
    if roles:
        yield from ["--aggregation-exclude-node-roles", ",".join(roles)]
    yield from _usage(params.get("usage_sources") or {})
    if params.get("kubelet_health"):
        yield "--kubelet-health"
    yield from _repeat(
        "--promql", [f"{q['name']}|{q['unit']}|{q['query']}" for q in params.get("promql") or []]
    )
    yield from _repeat("--custom-metric", params.get("custom_metrics") or [])


def commands_kubemon(
    params: Mapping[str, Any],
    host_config: HostConfig,
) -> Iterator[SpecialAgentCommand]:
    yield SpecialAgentCommand(command_arguments=list(_arguments(params, host_config)))


def parse_kubemon(params: Mapping[str, object]) -> Mapping[str, object]:
    if not isinstance(params.get("token"), Secret):
        raise TypeError("kubemon: the rule's token must arrive as a Secret from the password store")
    return params


special_agent_kubemon = SpecialAgentConfig(
    name="kubemon",
    parameter_parser=parse_kubemon,
    commands_function=commands_kubemon,
)

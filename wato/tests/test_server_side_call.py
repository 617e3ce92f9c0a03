"""The kubemon rule becomes exactly the argv of docs/agent-cli.md, and the agent parses it back."""

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cmk.server_side_calls.v1 import EnvProxy, HostConfig, NoProxy, Secret, URLProxy
from cmk_addons.plugins.kubemon.server_side_calls.kubemon import special_agent_kubemon

REPO = Path(__file__).resolve().parents[2]
TOKEN = Secret(42)
HOST = HostConfig(name="k3s-cluster")
# A real self-signed CA certificate (CN=k3s-server-ca): the agent parses --ca-cert as X.509.
PEM = (
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBhTCCASugAwIBAgIUAlBIqARRZRIPW/qRmGiQzy65cu8wCgYIKoZIzj0EAwIw\n"
    "GDEWMBQGA1UEAwwNazNzLXNlcnZlci1jYTAeFw0yNjExMjcwMzI4NDFaFw0zNjEx\n"
    "MjQwMzI4NDFaMBgxFjAUBgNVBAMMDWszcy1zZXJ2ZXItY2EwWTATBgcqhkjOPQIB\n"
    "BggqhkjOPQMBBwNCAATwx/iKuPnyquAheTYJCzLIkvEQU235Q0zw3CftZAfkGEiP\n"
    "WZWHIFOFssR7vivdD6xUDZic0zfxydpWCT9fJTpDo1MwUTAdBgNVHQ4EFgQUSg3m\n"
    "nqgs13xjT3OtAJHbXj4vC6cwHwYDVR0jBBgwFoAUSg3mnqgs13xjT3OtAJHbXj4v\n"
    "C6cwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAr6xX/2g//yQp\n"
    "gXqNofWNxBfH9biwJAjj3i2rV3//39ACIDzXOjl3uWviXSwNxONLGZTXG9H3Jk/u\n"
    "xE0ix0Guj9wP\n"
    "-----END CERTIFICATE-----\n"
)
ALL_OBJECTS = "nodes,namespaces,pods,deployments,daemonsets,statefulsets,cronjobs,pvcs"


def rule(**changes: Any) -> dict[str, Any]:
    """A rule as the backend hands it to the parser: the Password already a Secret, Proxy a proxy object."""
    base = {
        "cluster_name": "k3s",
        "api_server_url": "https://10.0.0.1:6443",
        "token": TOKEN,
        "tls": ("ca_cert", PEM),
        "timeouts": {"connect": 10, "read": 12, "deadline": 50},
        "monitored_objects": ALL_OBJECTS.split(","),
    }
    return {**base, **changes}


def argv(params: dict[str, Any]) -> list[str | Secret]:
    (command,) = special_agent_kubemon(params, HOST)
    assert command.stdin is None
    return list(command.command_arguments)


COMMON = [
    "--cluster-name",
    "k3s",
    "--cluster-host",
    "k3s-cluster",
    "--api-server-url",
    "https://10.0.0.1:6443",
    "--token-id",
    TOKEN,
]
TIMEOUTS = ["--connect-timeout", "10", "--read-timeout", "12", "--deadline", "50"]
# Without aggregation_exclude_node_roles the rule leaves control-plane and infra nodes out of the
# cluster sums, as agent_kube does.
AGGREGATION = ["--aggregation-exclude-node-roles", "control-plane,infra"]

CASES = {
    "password-store-token-with-ca": (
        rule(),
        [
            *COMMON,
            "--ca-cert",
            PEM,
            *TIMEOUTS,
            "--monitored-objects",
            ALL_OBJECTS,
            *AGGREGATION,
            "--usage-sources",
            "none",
        ],
    ),
    "no-verification-custom-timeouts-all-nodes-summed": (
        rule(
            tls=("no_verify", None),
            timeouts={"connect": 3, "read": 30, "deadline": 55},
            monitored_objects=["nodes", "pods"],
            aggregation_exclude_node_roles=[],
        ),
        [*COMMON, "--no-cert-check", "--connect-timeout", "3", "--read-timeout", "30", "--deadline", "55",
         "--monitored-objects", "nodes,pods", "--usage-sources", "none"],
    ),
    "site-cas-and-proxies": (
        rule(tls=("site_cas", None), proxy=URLProxy(url="http://proxy.example:3128")),
        [
            *COMMON,
            "--proxy",
            "http://proxy.example:3128",
            *TIMEOUTS,
            "--monitored-objects",
            ALL_OBJECTS,
            *AGGREGATION,
            "--usage-sources",
            "none",
        ],
    ),
    "no-proxy-and-namespace-patterns": (
        rule(proxy=NoProxy(), namespaces=("exclude", ["^kube-", "-test$"]),
             import_annotations=("matching", "checkmk-monitoring$"),
             aggregation_exclude_node_roles=["control-plane", "infra"]),
        [*COMMON, "--ca-cert", PEM, "--proxy", "NO_PROXY", *TIMEOUTS, "--monitored-objects", ALL_OBJECTS,
         "--namespace-exclude",
         "^kube-",
         "--namespace-exclude",
         "-test$",
         "--annotation-pattern",
         "checkmk-monitoring$",
         "--aggregation-exclude-node-roles", "control-plane,infra", "--usage-sources", "none"],
    ),
    "env-proxy-include-and-all-usage-sources": (
        rule(proxy=EnvProxy(), namespaces=("include", ["^shop$"]),
             usage_sources={"prometheus": ("service", "check-mk/https:prometheus:9090"), "metrics_api": True,
                            "custom_metrics": True, "kubelet": {"concurrency": 8}}),
        [*COMMON, "--ca-cert", PEM, "--proxy", "FROM_ENVIRONMENT", *TIMEOUTS, "--monitored-objects", ALL_OBJECTS,
         "--namespace-include",
         "^shop$",
         *AGGREGATION,
         "--usage-sources",
         "prometheus,metrics-api,custom-metrics,kubelet",
         "--prometheus-service", "check-mk/https:prometheus:9090", "--kubelet-concurrency", "8"],
    ),
    "agent-kube-switches-http-all-annotations-cronjob-pods-kubelet-health": (
        rule(api_server_url="http://10.0.0.1:8080", allow_http=True, tls=("site_cas", None),
             import_annotations=("all", None), monitored_objects=["pods", "cronjobs_pods", "nodes"],
             kubelet_health=True),
        ["--cluster-name", "k3s", "--cluster-host", "k3s-cluster", "--api-server-url",
         "http://10.0.0.1:8080", "--token-id", TOKEN, "--allow-http", *TIMEOUTS,
         "--monitored-objects", "pods,cronjobs_pods,nodes", "--all-annotations", *AGGREGATION,
         "--usage-sources", "none", "--kubelet-health"],
    ),
    "prometheus-url-promql-custom-metrics": (
        rule(usage_sources={"prometheus": ("url", {"url": "https://10.0.0.1:30999", "tls": ("no_verify", None)})},
             promql=[
                 {
                     "name": "apiserver_p99",
                     "unit": "s",
                     "query": "histogram_quantile(0.99, sum by (le) (rate(x[5m])))",
                 },
             ],
             custom_metrics=["pods/kubemon_cpu_usage_cores"]),
        [*COMMON, "--ca-cert", PEM, *TIMEOUTS, "--monitored-objects", ALL_OBJECTS, *AGGREGATION,
         "--usage-sources", "prometheus",
         "--prometheus-url", "https://10.0.0.1:30999", "--prometheus-no-cert-check",
         "--promql", "apiserver_p99|s|histogram_quantile(0.99, sum by (le) (rate(x[5m])))",
         "--custom-metric", "pods/kubemon_cpu_usage_cores"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_argv(case: str) -> None:
    params, expected = CASES[case]
    assert argv(params) == expected


def test_the_token_is_passed_as_the_secret_itself_never_unsafe() -> None:
    secrets = [a for a in argv(rule()) if isinstance(a, Secret)]
    assert secrets == [TOKEN] and secrets[0].pass_safely


def test_a_plain_token_is_refused() -> None:
    with pytest.raises(TypeError, match="Secret"):
        argv(rule(token="plaintext"))


# --- round trip through the Java agent's own parser -----------------------------------------


def _agent_jar() -> Path:
    jar = Path(
        os.environ.get("KUBEMON_AGENT_JAR") or REPO / "agent" / "target" / "kubemon-agent.jar",
    )
    if not jar.is_file():
        pytest.skip("agent jar not built: run mvn package first")
    return jar


def _rendered(args: list[str | Secret], store: Path) -> list[str]:
    # What the core does with a Secret passed as is: "<password id>:<password store file>".
    return [f"kubemon_token:{store}" if isinstance(a, Secret) else a for a in args]


ROUND_TRIP = {
    "agent-kube-switches-http-all-annotations-cronjob-pods-kubelet-health": {
        "api_server_url": "http://10.0.0.1:8080",
        "allow_http": True,
        "all_annotations": True,
        "annotation_pattern": None,
        "kubelet_health": True,
        "monitored_objects": ["pods", "cronjobs_pods", "nodes"],
    },
    "no-proxy-and-namespace-patterns": {
        "annotation_pattern": "checkmk-monitoring$",
        "all_annotations": False,
        "allow_http": False,
        "kubelet_health": False,
    },
    "password-store-token-with-ca": {
        "cluster_name": "k3s",
        "api_server_url": "https://10.0.0.1:6443",
        "connect_timeout": 10,
        "read_timeout": 12,
        "deadline": 50,
        "no_cert_check": False,
        "token_source": "password_store",
        "token_id": "kubemon_token",
        "usage_sources": [], "promql": [],
        "aggregation_exclude_node_roles": ["control-plane", "infra"],
    },
    "no-verification-custom-timeouts-all-nodes-summed": {
        "aggregation_exclude_node_roles": [],
        "connect_timeout": 3,
        "read_timeout": 30,
        "deadline": 55,
        "no_cert_check": True,
        "token_source": "password_store",
    },
    "prometheus-url-promql-custom-metrics": {
        "usage_sources": ["prometheus"],
        "promql": [
            {
                "name": "apiserver_p99",
                "unit": "s",
                "query": "histogram_quantile(0.99, sum by (le) (rate(x[5m])))",
            },
        ],
    },
}


@pytest.mark.parametrize("case", sorted(ROUND_TRIP))
def test_round_trip_through_the_agent_parser(case: str, tmp_path: Path) -> None:
    jar = _agent_jar()
    store = tmp_path / "stored_passwords"
    store.write_bytes(b"")
    args = _rendered(argv(CASES[case][0]), store)
    done = subprocess.run(
        ["java", "-jar", str(jar), "--print-config", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    config = json.loads(done.stdout)
    expected = {**ROUND_TRIP[case], "token_store": str(store)} if "token_source" in ROUND_TRIP[
        case
    ] else ROUND_TRIP[
        case
    ]
    assert {key: config.get(key) for key in expected} == expected
    assert "kubemon_token:" not in json.dumps(config.get("token"))


# --- the rules above are values the rule's form can hold ------------------------------------


def _conforms(form: Any, value: Any, where: str) -> None:
    from cmk.rulesets.v1 import form_specs as fs

    if isinstance(form, fs.Dictionary):
        assert isinstance(value, dict), where
        assert set(value) <= set(form.elements), f"{where}: unknown keys {set(value) - set(form.elements)}"
        missing = {k for k, e in form.elements.items() if e.required} - set(value)
        assert not missing, f"{where}: missing required {missing}"
        for key, item in value.items():
            _conforms(form.elements[key].parameter_form, item, f"{where}.{key}")
    elif isinstance(form, fs.CascadingSingleChoice):
        name, inner = value
        choices = {e.name: e.parameter_form for e in form.elements}
        assert name in choices, f"{where}: {name} is no choice"
        _conforms(choices[name], inner, f"{where}.{name}")
    elif isinstance(form, fs.List):
        for index, item in enumerate(value):
            _conforms(form.element_template, item, f"{where}[{index}]")
    elif isinstance(form, fs.MultipleChoice):
        assert set(value) <= {e.name for e in form.elements}, where
    elif isinstance(form, fs.FixedValue):
        assert value == form.value, where
    elif isinstance(form, fs.Integer):
        assert isinstance(value, int), where
    elif isinstance(form, (fs.String, fs.MultilineText, fs.RegularExpression)):
        assert isinstance(value, str), where
    elif isinstance(form, fs.Password):
        assert isinstance(value, Secret), f"{where}: the backend hands the parser a Secret"
    elif isinstance(form, fs.Proxy):
        assert isinstance(value, (URLProxy, EnvProxy, NoProxy)), where
    else:
        raise AssertionError(f"{where}: no check for {type(form).__name__}")
    for validator in getattr(form, "custom_validate", None) or ():
        if not isinstance(form, (fs.Password, fs.Proxy)):
            validator(value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_is_a_value_of_the_rule_form(case: str) -> None:
    import kubemon_env

    form = kubemon_env.plugin_objects("rulesets", "rule_spec_")["rule_spec_kubemon"].parameter_form()
    _conforms(form, CASES[case][0], "rule")


def test_the_call_never_reveals_a_secret() -> None:
    source = (REPO / "wato" / "server_side_calls" / "kubemon.py").read_text(encoding="utf-8")
    assert ".unsafe(" not in source

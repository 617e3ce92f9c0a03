"""The special agent rule `kubemon` (Setup > VM, cloud, container > Kubernetes (kubemon))."""

from collections.abc import Mapping

from cmk.rulesets.v1 import Help, Label, Message, Title
from cmk.rulesets.v1.form_specs import (
    CascadingSingleChoice,
    CascadingSingleChoiceElement,
    DefaultValue,
    DictElement,
    Dictionary,
    FixedValue,
    InputHint,
    Integer,
    List,
    MatchingScope,
    MultilineText,
    MultipleChoice,
    MultipleChoiceElement,
    Password,
    Proxy,
    RegularExpression,
    String,
    migrate_to_password,
    migrate_to_proxy,
)
from cmk.rulesets.v1.form_specs.validators import (
    LengthInRange,
    NumberInRange,
    Url,
    UrlProtocol,
    MatchRegex,
    ValidationError,
)
from cmk.rulesets.v1.rule_specs import SpecialAgent, Topic

MONITORED_OBJECTS = {
    "nodes": "Nodes",
    "namespaces": "Namespaces",
    "pods": "Pods",
    "deployments": "Deployments",
    "daemonsets": "DaemonSets",
    "statefulsets": "StatefulSets",
    "cronjobs": "CronJobs",
    "pvcs": "PersistentVolumeClaims (PVC services of pods and workloads)",
    "cronjobs_pods": "Pods of CronJobs",
}
# As agent_kube: pods of CronJobs come and go every few minutes, so by default they get no pod
# hosts (dynamic host management would churn); their CronJob, namespace and cluster keep them.
DEFAULT_MONITORED = [k for k in MONITORED_OBJECTS if k != "cronjobs_pods"]
CLUSTER_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
PROMETHEUS_SERVICE = "check-mk/https:prometheus:9090"
_ANY_URL = Url(protocols=[UrlProtocol.HTTP, UrlProtocol.HTTPS])


def _tls(what: str) -> CascadingSingleChoice:
    return CascadingSingleChoice(
        title=Title("TLS verification of %s") % what,
        elements=[
            CascadingSingleChoiceElement(
                name="ca_cert",
                title=Title("Verify with this CA certificate"),
                parameter_form=MultilineText(
                    monospaced=True,
                    help_text=Help(
                        "The PEM CA certificate, e.g. ca.crt of the check-mk token Secret "
                        "(agent_kubemon credentials prints it). Public data, passed on the "
                        "command line."
                    ),
                    prefill=InputHint("-----BEGIN CERTIFICATE-----"),
                    custom_validate=(LengthInRange(min_value=1),),
                ),
            ),
            CascadingSingleChoiceElement(
                name="site_cas",
                title=Title("Verify with the trusted CAs of the site"),
                parameter_form=FixedValue(value=None),
            ),
            CascadingSingleChoiceElement(
                name="no_verify",
                title=Title("Do not verify the certificate (insecure)"),
                parameter_form=FixedValue(value=None),
            ),
        ],
        prefill=DefaultValue("ca_cert"),
    )


def _seconds(title: str, default: int) -> DictElement:
    return DictElement(
        required=True,
        parameter_form=Integer(
            title=Title(title),
            unit_symbol="s",
            prefill=DefaultValue(default),
            custom_validate=(NumberInRange(min_value=1),),
        ),
    )


def _prometheus() -> CascadingSingleChoice:
    return CascadingSingleChoice(
        title=Title("Prometheus"),
        elements=[
            CascadingSingleChoiceElement(
                name="service",
                title=Title("Through the API server's service proxy"),
                parameter_form=String(
                    title=Title("Service (namespace/scheme:name:port)"),
                    prefill=DefaultValue(PROMETHEUS_SERVICE),
                    custom_validate=(LengthInRange(min_value=1),),
                ),
            ),
            CascadingSingleChoiceElement(
                name="url",
                title=Title("At this URL"),
                parameter_form=Dictionary(
                    elements={
                        "url": DictElement(
                            required=True,
                            parameter_form=String(
                                title=Title("URL"),
                                prefill=InputHint("https://10.0.0.1:30999"),
                                custom_validate=(_ANY_URL,),
                            ),
                        ),
                        "tls": DictElement(required=True, parameter_form=_tls("Prometheus")),
                    }
                ),
            ),
        ],
        prefill=DefaultValue("service"),
    )


def _usage_sources() -> Dictionary:
    return Dictionary(
        title=Title("Usage data (CPU, memory, filesystem, throttling)"),
        help_text=Help(
            "Without any source, kubemon monitors what the API server knows: requests, "
            "limits, states.",
        ),
        elements={
            "prometheus": DictElement(parameter_form=_prometheus()),
            "metrics_api": DictElement(
                parameter_form=FixedValue(
                    value=True,
                    title=Title("Metrics API (metrics-server)"),
                    label=Label("CPU and memory of nodes and pods"),
                )
            ),
            "custom_metrics": DictElement(
                parameter_form=FixedValue(
                    value=True,
                    title=Title("Custom metrics API (prometheus-adapter)"),
                )
            ),
            "kubelet": DictElement(
                parameter_form=Dictionary(
                    title=Title("Kubelets directly"),
                    help_text=Help(
                        "Warning: this needs the RBAC permission nodes/proxy, which lets the "
                        "token run commands in every pod of the cluster. Prefer Prometheus or "
                        "the metrics API."
                    ),
                    elements={
                        "concurrency": DictElement(
                            required=True,
                            parameter_form=Integer(
                                title=Title("Parallel kubelet requests"),
                                prefill=DefaultValue(4),
                                custom_validate=(NumberInRange(min_value=1, max_value=64),),
                            ),
                        )
                    },
                )
            ),
        },
    )


def _namespaces() -> CascadingSingleChoice:
    patterns = List(
        element_template=RegularExpression(predefined_help_text=MatchingScope.INFIX),
        custom_validate=(LengthInRange(min_value=1),),
    )
    return CascadingSingleChoice(
        title=Title("Namespaces"),
        elements=[
            CascadingSingleChoiceElement(
                name="include",
                title=Title("Monitor only namespaces matching"),
                parameter_form=patterns,
            ),
            CascadingSingleChoiceElement(
                name="exclude",
                title=Title("Monitor all namespaces except those matching"),
                parameter_form=patterns,
            ),
        ],
        prefill=DefaultValue("exclude"),
    )


def _no_pipe(value: str) -> None:
    # The agent takes a query as NAME|UNIT|QUERY and splits at the first two "|".
    if "|" in value:
        raise ValidationError(Message("Name and unit must not contain |, got %r") % value)


def _promql() -> List:
    return List(
        title=Title("PromQL queries (one service each)"),
        element_template=Dictionary(
            elements={
                "name": DictElement(
                    required=True,
                    parameter_form=String(
                        title=Title("Service name"),
                        custom_validate=(LengthInRange(min_value=1), _no_pipe),
                    ),
                ),
                "unit": DictElement(
                    required=True,
                    parameter_form=String(
                        title=Title("Unit"), prefill=InputHint("s"), custom_validate=(_no_pipe,)
                    ),
                ),
                "query": DictElement(
                    required=True,
                    parameter_form=String(
                        title=Title("Query (one value)"),
                        custom_validate=(LengthInRange(min_value=1),),
                    ),
                ),
            }
        ),
    )


def _import_annotations() -> CascadingSingleChoice:
    return CascadingSingleChoice(
        title=Title("Import annotations as host labels"),
        help_text=Help(
            "As agent_kube: none (this option unset), all that are valid Kubernetes labels, or "
            "those whose key matches. Labels become cmk/kubernetes/annotation/<key>:<value>."
        ),
        elements=[
            CascadingSingleChoiceElement(
                name="all",
                title=Title("Import all valid annotations"),
                parameter_form=FixedValue(value=None),
            ),
            CascadingSingleChoiceElement(
                name="matching",
                title=Title("Import annotations whose key matches"),
                parameter_form=RegularExpression(
                    predefined_help_text=MatchingScope.INFIX,
                    prefill=DefaultValue("checkmk-monitoring$"),
                ),
            ),
        ],
        prefill=DefaultValue("matching"),
    )


def _http_needs_consent(value: Mapping[str, object]) -> None:
    url = str(value.get("api_server_url", ""))
    if url.lower().startswith("http://") and not value.get("allow_http"):
        raise ValidationError(
            Message("An http:// API server URL sends the token in clear: use https://, or "
                    "tick 'Allow plain http:// for the API server'.")
        )


def _migrate(value: object) -> object:
    # Rules saved before import_annotations held a bare key pattern.
    if isinstance(value, dict) and "annotation_pattern" in value:
        value = dict(value)
        pattern = value.pop("annotation_pattern")
        if pattern:
            value.setdefault("import_annotations", ("matching", pattern))
    return value


def _form() -> Dictionary:
    return Dictionary(
        migrate=_migrate,
        custom_validate=(_http_needs_consent,),
        elements={
            "cluster_name": DictElement(
                required=True,
                parameter_form=String(
                    title=Title("Cluster name"),
                    help_text=Help(
                        "Part of every piggyback host name, e.g. pod_<cluster>_<namespace>_<pod>.",
                    ),
                    # The agent accepts exactly this (docs/agent-cli.md): a valid host-name part.
                    custom_validate=(
                        LengthInRange(min_value=1, max_value=100),
                        MatchRegex(
                            CLUSTER_NAME,
                            error_msg=Message("Use letters, digits, '.', '_' or '-' only."),
                        ),
                    ),
                ),
            ),
            "api_server_url": DictElement(
                required=True,
                parameter_form=String(
                    title=Title("API server URL"),
                    help_text=Help(
                        "https://. An http:// URL is accepted only with 'Allow plain http://'."
                    ),
                    prefill=InputHint("https://10.0.0.1:6443"),
                    custom_validate=(_ANY_URL,),
                ),
            ),
            "allow_http": DictElement(
                parameter_form=FixedValue(
                    value=True,
                    title=Title("Allow plain http:// for the API server (insecure)"),
                    label=Label("The token travels in clear; Kubernetes API stays WARN"),
                )
            ),
            "token": DictElement(
                required=True,
                parameter_form=Password(
                    title=Title("Service account token"),
                    migrate=migrate_to_password,
                ),
            ),
            "tls": DictElement(required=True, parameter_form=_tls("the API server")),
            "proxy": DictElement(
                parameter_form=Proxy(
                    title=Title("Proxy for the API server"), migrate=migrate_to_proxy
                )
            ),
            "timeouts": DictElement(
                required=True,
                parameter_form=Dictionary(
                    title=Title("Timeouts"),
                    elements={
                        "connect": _seconds("Connect timeout", 10),
                        "read": _seconds("Read timeout", 12),
                        "deadline": _seconds(
                            "Deadline for the whole run (then partial output)", 50
                        ),
                    },
                ),
            ),
            "monitored_objects": DictElement(
                required=True,
                parameter_form=MultipleChoice(
                    title=Title("Monitored objects"),
                    elements=[
                        MultipleChoiceElement(name=k, title=Title(v))
                        for k, v in MONITORED_OBJECTS.items()
                    ],
                    prefill=DefaultValue(DEFAULT_MONITORED),
                ),
            ),
            "namespaces": DictElement(parameter_form=_namespaces()),
            "import_annotations": DictElement(parameter_form=_import_annotations()),
            "aggregation_exclude_node_roles": DictElement(
                parameter_form=List(
                    title=Title("Node roles left out of cluster-wide sums"),
                    help_text=Help(
                        "Nodes with one of these roles (label node-role.kubernetes.io/<role>) are "
                        "left out of the cluster host's Pod, CPU and Memory resources. Without "
                        "this option: control-plane and infra, as agent_kube does. An empty list "
                        "keeps every node in the sums."
                    ),
                    element_template=String(prefill=InputHint("control-plane")),
                )
            ),
            "usage_sources": DictElement(parameter_form=_usage_sources()),
            "kubelet_health": DictElement(
                parameter_form=FixedValue(
                    value=True,
                    title=Title("Kubelet health checks"),
                    label=Label("Read each kubelet's /healthz (Kubelet service)"),
                    help_text=Help(
                        "Reads /healthz of every node's kubelet through the API server, as "
                        "agent_kube does. Warning: this needs the RBAC permission nodes/proxy "
                        "(check_mk_kubelet_rbac.yaml), which lets the token run commands in every "
                        "pod of the cluster."
                    ),
                )
            ),
            "promql": DictElement(parameter_form=_promql()),
            "custom_metrics": DictElement(
                parameter_form=List(
                    title=Title("Custom metrics API metrics (one service each)"),
                    element_template=String(
                        prefill=InputHint("pods/kubemon_cpu_usage_cores"),
                        custom_validate=(LengthInRange(min_value=3),),
                    ),
                )
            ),
        }
    )


rule_spec_kubemon = SpecialAgent(
    name="kubemon",
    title=Title("Kubernetes (kubemon)"),
    topic=Topic.CLOUD,
    parameter_form=_form,
    help_text=Help(
        "Monitors a Kubernetes cluster through its API server. Assign this rule to one host "
        "(explicit hosts); nodes, namespaces, pods and workloads become piggyback hosts."
    ),
)

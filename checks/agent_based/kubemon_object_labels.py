"""kubemon_object_labels_v3: the host labels every kubemon host gets (cmk/kubernetes/...)."""

from collections.abc import Mapping
from typing import Any

from cmk.agent_based.v2 import AgentSection, HostLabel, HostLabelGenerator, StringTable

from cmk_addons.plugins.kubemon.lib.common import parse_lean


# What kubemon_object_labels_v3 leaves out (docs/sections.md).
DEFAULTS: Mapping[str, Any] = {
    "cluster_host": None,
    "namespace": None,
    "node": None,
    "controllers": [],
    "labels": {},
    "annotations": {},
}


def parse_kubemon_object_labels(string_table: StringTable) -> Mapping[str, Any] | None:
    section = parse_lean(string_table, DEFAULTS)
    if section is None:
        return None
    # `Kind/name` (neither has a slash) → {"kind", "name"}, as the checks read a controller.
    chain = [c.partition("/") for c in section["controllers"]]
    section["controllers"] = [{"kind": kind, "name": name} for kind, _, name in chain]
    if section["cluster_host"] is None and section["object"] != "cluster":
        # Left out when it is the cluster's name; the cluster host itself has none.
        section["cluster_host"] = section["cluster"]
    return section


OWN_NAME_LABEL = frozenset({"namespace", "deployment", "daemonset", "statefulset", "cronjob"})


def host_labels_kubemon_object_labels(section: Mapping[str, Any]) -> HostLabelGenerator:
    yield HostLabel(name="cmk/kubernetes", value="yes")
    yield HostLabel(name="cmk/kubernetes/object", value=section["object"])
    yield HostLabel(name="cmk/kubernetes/cluster", value=section["cluster"])
    # The cluster host itself has cluster_host null: it is the cluster host.
    if section.get("cluster_host"):
        yield HostLabel(name="cmk/kubernetes/cluster-host", value=section["cluster_host"])
    if section.get("namespace"):
        yield HostLabel(name="cmk/kubernetes/namespace", value=section["namespace"])
    # A namespace or workload host also carries its own name under its kind, as agent_kube's
    # do, so one label condition selects the object's host together with its pods.
    if section["object"] in OWN_NAME_LABEL and section.get("name"):
        yield HostLabel(name=f"cmk/kubernetes/{section['object']}", value=section["name"])
    if section.get("node"):
        yield HostLabel(name="cmk/kubernetes/node", value=section["node"])
    for controller in section.get("controllers") or []:
        yield HostLabel(
            name=f"cmk/kubernetes/{controller['kind'].lower()}",
            value=controller["name"],
        )
    # Prefixed so that a Kubernetes label can never override a cmk/ label; a label with an
    # empty value (a common "flag" label) becomes "true", as agent_kube does.
    for key, value in sorted((section.get("labels") or {}).items()):
        yield HostLabel(name=f"cmk/kubernetes/label/{key}", value=value or "true")
    for key, value in sorted((section.get("annotations") or {}).items()):
        yield HostLabel(name=f"cmk/kubernetes/annotation/{key}", value=value or "true")


agent_section_kubemon_object_labels_v3 = AgentSection(
    name="kubemon_object_labels_v3",
    parsed_section_name="kubemon_object_labels",
    parse_function=parse_kubemon_object_labels,
    host_label_function=host_labels_kubemon_object_labels,
)

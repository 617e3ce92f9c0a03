"""The admin-facing docs checked against what they describe.

Install paths against the MKP builder, role names against the manifests, service names against
the check plug-ins, the README's links and the LICENSE. A doc that drifts from the code fails here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "mkp"))
import build_mkp  # noqa: E402

DOCS = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md", REPO / "manifests" / "README.md"]
# Services of Checkmk itself that the docs may name.
CHECKMK_SERVICES = {"Check_MK", "Check_MK Discovery"}


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def shipped_paths(tmp_path: Path) -> set[str]:
    """Every file and folder of the MKP's part, as the builder collects it (jar stand-in)."""
    jar = tmp_path / "kubemon-agent.jar"
    jar.write_bytes(b"jar")
    members = build_mkp.collect(REPO, jar)
    paths = set(members)
    for member in members:
        parts = member.split("/")
        paths.update("/".join(parts[:i]) for i in range(1, len(parts)))
    return paths


def test_every_site_path_of_kubemon_is_where_the_mkp_installs_it(tmp_path: Path) -> None:
    shipped = shipped_paths(tmp_path)
    prefix = "~/" + build_mkp.PART_SITE_DIR + "/"
    seen = 0
    for doc in DOCS:
        for match in re.finditer(r"(?:~|\$OMD_ROOT)/local/[^\s`'\")]*", text(doc)):
            path = match.group(0).replace("$OMD_ROOT/", "~/").rstrip(".,:;/")
            if "kubemon" not in path:
                continue  # a file the admin puts there (e.g. a JRE), not ours
            seen += 1
            assert path.startswith(prefix), f"{doc.name}: {path} is not below {prefix}"
            inside = path[len(prefix):]
            assert inside in shipped, f"{doc.name}: the MKP ships no {inside}"
    assert seen >= 3, "the docs name where kubemon lands on the site"


def manifest_roles() -> set[str]:
    """"Kind name" of every ClusterRole and Role in manifests/ (top-level kind, metadata.name)."""
    roles = set()
    for manifest in (REPO / "manifests").glob("*.yaml"):
        for doc in re.split(r"^---\s*$", text(manifest), flags=re.MULTILINE):
            kind = re.search(r"^kind:\s*(\S+)", doc, re.MULTILINE)
            name = re.search(r"^metadata:\s*\n(?:[ ]{2}.*\n)*?[ ]{2}name:\s*(\S+)", doc, re.MULTILINE)
            if kind and name and kind.group(1) in {"ClusterRole", "Role"}:
                roles.add(f"{kind.group(1)} {name.group(1)}")
    return roles


def test_every_role_the_docs_name_is_created_by_the_manifests() -> None:
    roles = manifest_roles()
    assert {"ClusterRole check-mk-metrics-reader", "Role check-mk-prometheus-proxy",
            "ClusterRole check-mk-kubelet-reader"} <= roles, roles
    seen = 0
    for doc in DOCS:
        body = text(doc).replace("\n", " ")
        # "the ClusterRole `check-mk-metrics-reader`", "Role check-mk-prometheus-proxy"
        for kind, name in re.findall(r"\b(ClusterRole|Role)\s+`?((?:check-mk|kubemon)[\w:.-]*)`?", body):
            seen += 1
            assert f"{kind} {name}" in roles, f"{doc.name}: no {kind} {name} in manifests/"
        # the old wording: "the check-mk ClusterRole", "the `check-mk` ClusterRole"
        for name, kind in re.findall(r"`?\b((?:check-mk|kubemon)[\w:.-]*)`?\s+(ClusterRole|Role)\b", body):
            assert f"{kind} {name}" in roles, f"{doc.name}: no {kind} {name} in manifests/"
    assert seen >= 5


def service_names() -> list[re.Pattern[str]]:
    names = []
    for plugin in (REPO / "checks" / "agent_based").glob("*.py"):
        for name in re.findall(r'service_name="([^"]+)"', text(plugin)):
            names.append(re.compile(re.escape(name).replace("%s", ".+") + r"\Z"))
    return names


def test_every_service_the_docs_name_is_one_the_plugins_create() -> None:
    names = service_names()
    assert any(p.match("Agent status") for p in names)
    seen = 0
    for doc in DOCS:
        body = text(doc).replace("\n", " ")
        quoted = re.findall(r'"([^"]{2,40})"\s+service\b', body)
        quoted += re.findall(r'\bservices?\s+"([^"]{2,40})"', body)
        for service in quoted:
            seen += 1
            assert service in CHECKMK_SERVICES or any(p.match(service) for p in names), (
                f'{doc.name}: no plug-in creates a service "{service}"'
            )
    assert seen >= 3


def test_the_admin_guide_is_linked_from_the_readme_and_covers_the_admins_path() -> None:
    readme = text(REPO / "README.md")
    assert "](docs/admin-guide.md)" in readme
    guide = text(REPO / "docs" / "admin-guide.md")
    for topic in (
        "Get the MKP", "Set up the cluster first", "Java on the Checkmk server", "appliance",
        "Docker", "Dynamic host management", "Several clusters", "built-in Kubernetes monitoring",
        "Distributed monitoring", "Upgrade", "Uninstall", "apiservice v1beta1.custom.metrics.k8s.io",
    ):
        assert topic in guide, f"the admin guide lacks {topic!r}"
    # Cluster setup (it yields the token) comes before the site's Setup, in both documents.
    assert readme.index("## Cluster setup") < readme.index("## Install on a Checkmk site")
    assert guide.index('id="cluster-first"') < guide.index('id="install"')


def test_the_version_in_the_docs_commands_is_the_packages() -> None:
    version = re.search(r"<version>([^<]+)</version>", text(REPO / "pom.xml").split("</parent>")[-1])
    assert version, "pom.xml has no version"
    for doc in DOCS:
        for found in re.findall(r"kubemon-(\d+\.\d+\.\d+)\.mkp|mkp enable kubemon (\d+\.\d+\.\d+)", text(doc)):
            v = next(x for x in found if x)
            if doc.name == "admin-guide.md" and v == "0.2.0":
                continue  # the upgrade example's next version
            assert v == version.group(1), f"{doc.name} names kubemon {v}, the package is {version.group(1)}"


def test_the_license_is_the_full_gpl_2() -> None:
    license_text = text(REPO / "LICENSE")
    assert license_text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "Version 2, June 1991" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    debian = Path("/usr/share/common-licenses/GPL-2")
    if debian.is_file():
        assert license_text == text(debian), "LICENSE differs from the standard GPL-2 text"
    assert "[LICENSE](LICENSE)" in text(REPO / "README.md")

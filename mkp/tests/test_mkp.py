"""Opens the built kubemon-<version>.mkp and checks it the way a Checkmk 2.3+ site does.

The site (cmk.mkp_tool) reads the member `info` with ast.literal_eval, validates the manifest
(required fields, name pattern, version), and extracts exactly the files the manifest lists from
each part tar. These tests repeat those checks and a few of our own promises.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILDER = REPO / "mkp" / "build_mkp.py"
sys.path.insert(0, str(BUILDER.parent))
import build_mkp  # noqa: E402

NAME_PATTERN = re.compile(r"^[^\d\W][-\w]*$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
REQUIRED = {
    "title": str,
    "name": str,
    "description": str,
    "version": str,
    "version.packaged": str,
    "version.min_required": str,
    "author": str,
    "download_url": str,
    "files": dict,
}
PREFIXES = ("agent_section_", "check_plugin_", "rule_spec_", "special_agent_", "metric_", "graph_")


def pom_value(tag: str) -> str:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.parse(REPO / "pom.xml").getroot()
    if tag == "version":
        return root.find("m:version", ns).text
    return root.find(f"m:properties/m:{tag}", ns).text


VERSION = pom_value("version")
AGENT_JAR = Path(os.environ.get("KUBEMON_AGENT_JAR", REPO / "agent/target/kubemon-agent.jar"))


@pytest.fixture(scope="module")
def mkp_path() -> Path:
    path = Path(os.environ.get("KUBEMON_MKP", REPO / f"mkp/target/kubemon-{VERSION}.mkp"))
    if not path.is_file():
        if "KUBEMON_MKP" in os.environ:
            pytest.fail(f"KUBEMON_MKP={path} does not exist: the build did not produce the MKP")
        pytest.skip(f"{path} not built: run 'mvn -B -ntp package' first")
    return path


@pytest.fixture(scope="module")
def package(mkp_path: Path) -> dict[str, bytes]:
    with tarfile.open(mkp_path, "r:gz") as outer:
        return {m.name: outer.extractfile(m).read() for m in outer.getmembers() if m.isfile()}


@pytest.fixture(scope="module")
def info(package: dict[str, bytes]) -> dict:
    return ast.literal_eval(package["info"].decode("ascii"))


@pytest.fixture(scope="module")
def part(package: dict[str, bytes]) -> tarfile.TarFile:
    return tarfile.open(fileobj=io.BytesIO(package["cmk_addons_plugins.tar"]), mode="r:")


def test_top_level_holds_exactly_the_manifest_and_one_part(mkp_path: Path) -> None:
    with tarfile.open(mkp_path, "r:gz") as outer:
        members = outer.getmembers()
    assert sorted(m.name for m in members) == ["cmk_addons_plugins.tar", "info", "info.json"]
    assert all(m.isfile() and m.uid == 0 and m.gid == 0 for m in members)


def test_manifest_passes_the_sites_validation(info: dict) -> None:
    for key, kind in REQUIRED.items():
        assert isinstance(info.get(key), kind), f"manifest field {key!r} missing or not {kind}"
    assert NAME_PATTERN.match(info["name"]) and info["name"] == "kubemon"
    assert "/" not in info["version"] and SEMVER.match(info["version"])
    assert info["version"] == VERSION
    assert info["version.min_required"] == "2.3.0"
    assert info["version.usable_until"] is None
    assert set(info["files"]) == {"cmk_addons_plugins"}


def test_info_json_says_the_same_as_info(package: dict[str, bytes], info: dict) -> None:
    assert json.loads(package["info.json"]) == info


def test_listed_files_equal_the_part_members(info: dict, part: tarfile.TarFile) -> None:
    names = [m.name for m in part.getmembers()]
    assert sorted(names) == sorted(info["files"]["cmk_addons_plugins"])
    for name in names:
        assert name.startswith("kubemon/") and ".." not in name.split("/")
        assert not name.startswith("/") and not name.startswith("./")


def test_nothing_for_tests_or_the_checkmk_stand_in_is_shipped(part: tarfile.TarFile) -> None:
    for name in part.getnames():
        segments = set(name.split("/"))
        assert not segments & {"tests", "standin", "tools", "cmk", "__pycache__"}, name
        assert not name.endswith(".pyc"), name


def test_wrapper_is_executable_and_the_jar_sits_beside_it(part: tarfile.TarFile) -> None:
    wrapper = part.getmember("kubemon/libexec/agent_kubemon")
    assert wrapper.mode & 0o111 == 0o111
    assert part.extractfile(wrapper).read().startswith(b"#!/bin/sh")
    jar = part.getmember("kubemon/libexec/kubemon-agent.jar")
    assert jar.size == AGENT_JAR.stat().st_size


def test_python_files_compile_and_use_only_public_plugin_apis(part: tarfile.TarFile) -> None:
    allowed = re.compile(
        r"^(cmk\.(agent_based\.v2|rulesets\.v1|server_side_calls\.v1|graphing\.v1)"
        r"|cmk_addons\.plugins\.kubemon)(\.|$)"
    )
    for member in part.getmembers():
        if not member.name.endswith(".py"):
            continue
        tree = ast.parse(part.extractfile(member).read(), member.name)
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            for module in modules:
                if module.split(".")[0] in {"cmk", "cmk_addons"}:
                    assert allowed.match(module), f"{member.name} imports {module}"


def test_a_site_finds_the_plugins_after_installing_the_part(
    part: tarfile.TarFile, tmp_path: Path
) -> None:
    standin = REPO / "checks" / "standin"
    if not standin.is_dir():
        pytest.skip("checks/standin (the Checkmk API stand-in) is not in this tree yet")
    base = tmp_path / build_mkp.PART_SITE_DIR
    base.mkdir(parents=True)
    for member in part.getmembers():  # what `tar xf - -C <base> <files…>` does on the site
        target = base / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(part.extractfile(member).read())
    code = (
        "import importlib, pkgutil, sys\n"
        "import cmk_addons.plugins.kubemon as family\n"
        "found = []\n"
        "for group in ('agent_based', 'rulesets', 'server_side_calls', 'graphing'):\n"
        "    pkg = importlib.import_module('cmk_addons.plugins.kubemon.' + group)\n"
        "    for mod in pkgutil.iter_modules(pkg.__path__):\n"
        "        m = importlib.import_module(pkg.__name__ + '.' + mod.name)\n"
        "        found += [n for n in vars(m) if n.startswith(%r)]\n"
        "print('\\n'.join(found))\n" % (PREFIXES,)
    )
    env = {"PYTHONPATH": f"{tmp_path / 'local/lib/python3'}:{standin}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found = result.stdout.split()
    assert any(n.startswith("check_plugin_") for n in found)
    assert any(n.startswith("agent_section_") for n in found)
    assert "special_agent_kubemon" in found
    assert any(n.startswith("rule_spec_") for n in found)


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    if not AGENT_JAR.is_file():
        pytest.skip(f"{AGENT_JAR} not built: run 'mvn -B -ntp package' first")
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"build{n}.mkp"
        subprocess.run(
            [
                sys.executable, str(BUILDER), "--repo", str(REPO), "--version", VERSION,
                "--jar", str(AGENT_JAR), "--timestamp", pom_value("project.build.outputTimestamp"),
                "--out", str(out),
            ],
            check=True, capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]

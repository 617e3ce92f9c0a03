#!/usr/bin/env python3
"""Assemble kubemon-<version>.mkp, the extension package a Checkmk 2.3+ site installs.

An MKP is a gzip'd tar holding `info` (the manifest as a Python literal), `info.json` (the same
as JSON) and one uncompressed tar per part. Everything of kubemon is one plug-in family in the
part `cmk_addons_plugins`, installed below ~/local/lib/python3/cmk_addons/plugins/kubemon/.

The build is deterministic: sorted members, fixed owners, modes and mtimes (the pom's
project.build.outputTimestamp), gzip without name or time. Two builds give identical bytes.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import io
import json
import pprint
import re
import sys
import tarfile
from pathlib import Path

FAMILY = "kubemon"
PART = "cmk_addons_plugins"
# Where a site installs the part, below the site's home (cmk.mkp_tool PackagePart); docs name it.
PART_SITE_DIR = "local/lib/python3/cmk_addons/plugins"
MIN_REQUIRED = "2.3.0"

# Repository folder -> folder inside the family. Only these are shipped: tests, the Checkmk
# stand-in and developer tools stay out of the package.
SOURCES = {
    "checks/agent_based": "agent_based",
    "checks/lib": "lib",
    "checks/graphing": "graphing",
    "checks/checkman": "checkman",
    "wato/rulesets": "rulesets",
    "wato/server_side_calls": "server_side_calls",
}
PYTHON_GROUPS = {"agent_based", "lib", "graphing", "rulesets", "server_side_calls"}
WRAPPER = "agent/libexec/agent_kubemon"
JAR_NAME = "kubemon-agent.jar"
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


def shipped(path: Path) -> bool:
    parts = set(path.parts)
    return (
        path.is_file()
        and "__pycache__" not in parts
        and not path.name.startswith(".")
        and path.suffix not in {".pyc", ".pyo"}
    )


def collect(repo: Path, jar: Path) -> dict[str, tuple[bytes, int]]:
    """Returns {member path inside the part tar: (content, mode)}."""
    members: dict[str, tuple[bytes, int]] = {f"{FAMILY}/__init__.py": (b"", 0o644)}
    for source, target in SOURCES.items():
        folder = repo / source
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if shipped(p)):
            relative = path.relative_to(folder).as_posix()
            members[f"{FAMILY}/{target}/{relative}"] = (path.read_bytes(), 0o644)
        if target in PYTHON_GROUPS:
            members.setdefault(f"{FAMILY}/{target}/__init__.py", (b"", 0o644))
    wrapper = repo / WRAPPER
    if not wrapper.is_file():
        raise SystemExit(f"build_mkp: {WRAPPER} is missing")
    if not jar.is_file():
        raise SystemExit(f"build_mkp: agent jar {jar} is missing: run mvn package first")
    members[f"{FAMILY}/libexec/agent_kubemon"] = (wrapper.read_bytes(), 0o755)
    members[f"{FAMILY}/libexec/{JAR_NAME}"] = (jar.read_bytes(), 0o644)
    return members


def tar_bytes(members: dict[str, tuple[bytes, int]], mtime: int, compress: bool) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(members):
            content, mode = members[name]
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = mode
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(content))
    if not compress:
        return raw.getvalue()
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def manifest(version: str, files: list[str]) -> dict[str, object]:
    return {
        "title": "kubemon - Kubernetes monitoring",
        "name": FAMILY,
        "description": (
            "Monitors Kubernetes clusters: nodes, namespaces, pods and workloads from the "
            "Kubernetes API, usage from Prometheus, the metrics APIs or the kubelet. Contains "
            "the special agent (Java 17, needs a JRE on the site), check plug-ins, graphs, man "
            "pages and the Setup rules 'Kubernetes (kubemon)'."
        ),
        "version": version,
        "version.packaged": "kubemon mkp/build_mkp.py",
        "version.min_required": MIN_REQUIRED,
        "version.usable_until": None,
        "author": "kubemon developers",
        "download_url": "https://github.com/kubemon/kubemon",
        "files": {PART: files},
    }


def build(repo: Path, version: str, jar: Path, timestamp: str) -> bytes:
    if not SEMVER.match(version):
        raise SystemExit(f"build_mkp: version must be MAJOR.MINOR.PATCH, got {version!r}")
    mtime = int(datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp())
    members = collect(repo, jar)
    info = manifest(version, sorted(members))
    top = {
        "info": ((pprint.pformat(info, width=100) + "\n").encode("ascii"), 0o644),
        "info.json": (json.dumps(info, sort_keys=True).encode("ascii"), 0o644),
        f"{PART}.tar": (tar_bytes(members, mtime, compress=False), 0o644),
    }
    return tar_bytes(top, mtime, compress=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True, help="the repository root")
    parser.add_argument("--version", required=True, help="the package version (semver)")
    parser.add_argument("--jar", type=Path, required=True, help="the agent's shaded jar")
    parser.add_argument("--timestamp", required=True, help="ISO-8601 time for every member")
    parser.add_argument("--out", type=Path, required=True, help="the .mkp file to write")
    args = parser.parse_args(argv)
    data = build(args.repo.resolve(), args.version, args.jar, args.timestamp)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"build_mkp: wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/python3
"""Runs the kubemon check plug-ins over agent output the way a Checkmk site would.

    run_checks.py [--cluster-host NAME] [--state FILE] [--labels] [--json] [--plugin-cpu]
                  [AGENT_OUTPUT]

Reads the agent output (a file, or stdin without one), splits it into hosts (`<<<<name>>>>`;
the empty name is the cluster host) and sections (`<<<name:sep(0)>>>`), and runs every
plug-in's parse, host-label, discovery and check function per host with the Checkmk API
stand-in. A crashing plug-in makes its service UNKNOWN with the exception text, like
Checkmk's crash service; the run itself exits 0
(2 with one line on stderr for an unreadable input or state file). `--state FILE` keeps each
service's value store between runs (JSON), as a site keeps it between check intervals.
"""

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kubemon_site import ServiceResult, plugin_cpu_seconds, run  # noqa: E402


def _table(results: list[ServiceResult], labels: Mapping[str, Mapping[str, str]] | None) -> str:
    rows = [("HOST", "STATE", "SERVICE", "SUMMARY")] + [
        (r.host, r.state, r.service, r.summary) for r in results
    ]
    widths = [max(map(len, column)) for column in list(zip(*rows))[:3]]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)
        ).rstrip() for row in rows
    ]
    if labels is not None:
        lines.append("")
        lines.append("HOST LABELS")
        for host in sorted(labels):
            lines.extend(f"{host}  {name}:{value}" for name, value in sorted(labels[host].items()))
    return "\n".join(lines)


def _read_input(path: str | None) -> str:
    if path is None:
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the agent output {path}: {exc.strerror}") from exc


def _read_state(path: Path | None) -> dict[str, Any]:
    if path is None or not path.exists():
        return {}
    try:
        store = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(
            f"--state {path} is no value store file ({exc}); delete it to start over",
        ) from exc
    if not isinstance(store, dict):
        raise ValueError(
            f"--state {path} is no value store file (not a JSON object); delete it to start over",
        )
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "agent_output",
        nargs="?",
        help="file with the agent output (default: stdin)",
    )
    parser.add_argument(
        "--cluster-host",
        default="cluster",
        help="Checkmk host of the cluster (default: cluster)",
    )
    parser.add_argument(
        "--state",
        type=Path,
        help="JSON file keeping the value stores between runs",
    )
    parser.add_argument("--labels", action="store_true", help="also print the host labels")
    parser.add_argument(
        "--plugin-cpu",
        action="store_true",
        help="print on stderr the CPU seconds spent inside the plug-ins' own functions",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON: a list of services, or with --labels {services, host_labels}",
    )
    args = parser.parse_args(argv)
    try:
        text = _read_input(args.agent_output)
        store = _read_state(args.state)
    except ValueError as exc:
        parser.exit(2, f"run_checks.py: {exc}\n")
    results, labels = run(text, args.cluster_host, store)
    if args.state:
        args.state.write_text(json.dumps(store, sort_keys=True), encoding="utf-8")
    if args.json:
        services = [r.as_dict() for r in results]
        print(
            json.dumps(
                {"services": services, "host_labels": labels} if args.labels else services,
                indent=1,
            ),
        )
    else:
        print(_table(results, labels if args.labels else None))
    if args.plugin_cpu:
        print(f"plug-in CPU s: {plugin_cpu_seconds():.4f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

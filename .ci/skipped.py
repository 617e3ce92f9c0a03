#!/usr/bin/env python3
"""Lists every skipped test of the build with its reason, one line each, at the end of `mvn verify`.

Reads the JUnit XML the build leaves behind: Surefire and Failsafe reports of the Java modules
and pytest's report of the Python suites. A skip without a reason fails the build: whoever reads
the summary must learn why each test did not run (most often: ../shared, the workspace's
recordings, is not next to this clone).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def from_xml(report: Path) -> list[tuple[str, str]]:
    """Skipped test cases of a JUnit XML report (pytest's; Surefire's where no .tsv exists)."""
    found = []
    for case in ET.parse(report).getroot().iter("testcase"):
        mark = case.find("skipped")
        if mark is None:
            continue
        name = f"{case.get('classname', '')}.{case.get('name', '')}".strip(".")
        reason = " ".join((mark.get("message") or mark.text or "").split())
        reason = re.split(r" at [\w.$]+\(", reason)[0]  # Surefire puts the stack trace here
        reason = reason.replace("org.opentest4j.TestAbortedException: ", "")
        found.append((name, reason.replace("Assumption failed: ", "").strip()))
    return found


def from_tsv(report: Path) -> list[tuple[str, str]]:
    """What SkipRecorder (test-support's JUnit listener) wrote: test TAB reason."""
    rows = []
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, _, reason = line.partition("\t")
            rows.append((name, reason.strip()))
    return rows


def main(repo: Path) -> int:
    rows = []
    for target in sorted(repo.glob("*/target")):
        module = target.parent.name
        tsv = sorted(target.glob("skipped-*.tsv"))
        if tsv:
            found = [row for report in tsv for row in from_tsv(report)]
        else:
            xml = sorted(target.glob("surefire-reports/TEST-*.xml"))
            xml += sorted(target.glob("failsafe-reports/TEST-*.xml"))
            found = [row for report in xml for row in from_xml(report)]
        found += [row for report in sorted(target.glob("pytest-report.xml")) for row in from_xml(report)]
        rows += [(module, name, reason) for name, reason in found]
    if not rows:
        print("kubemon: no test skipped")
        return 0
    print(f"kubemon: {len(rows)} test(s) or test classes skipped, each with its reason:")
    for module, name, reason in rows:
        print(f"  [{module}] {name}: {reason or 'NO REASON GIVEN'}")
    missing = [name for _, name, reason in rows if not reason]
    if missing:
        print(f"kubemon: {len(missing)} skipped test(s) give no reason; every skip must say why")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))

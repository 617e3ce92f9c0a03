"""The node OS sections (docs/sections.md, "Node OS sections") as Checkmk's own plug-ins read them.

The agent writes Checkmk's Linux agent sections on node hosts; Checkmk's built-in plug-ins, not
kubemon's, turn them into services. Checkmk itself is not installable here, so the steps of its
parse and discovery functions that decide whether a service appears are re-implemented below from
Checkmk's source (file and function named at each step) and run on the contract's example, which
the agent's NodeOsSectionsTest proves is byte for byte what its writer produces. The "Node OS
services" table of docs/switching-from-agent-kube.md is checked against the result.
"""

import re

from kubemon_scenarios import REPO

SECTIONS_DOC = (REPO / "docs" / "sections.md").read_text(encoding="utf-8")
SWITCHING_DOC = (REPO / "docs" / "switching-from-agent-kube.md").read_text(encoding="utf-8")
NONE = "–"


def _example(heading: str = "\n## Node OS sections\n") -> dict[str, list[str]]:
    """Raw section header (name[:options]) → lines of the first example under `heading`."""
    part = SECTIONS_DOC[SECTIONS_DOC.index(heading) :]
    block = re.search(r"```text\n(.*?)```", part, re.S)
    assert block, f"no text example under {heading.strip()}"
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block.group(1).splitlines():
        if m := re.fullmatch(r"<<<([a-z_]+(?::sep\(\d+\))?)>>>", line):
            current = sections.setdefault(m.group(1), [])
        else:
            assert current is not None, line
            current.append(line)
    return sections


EXAMPLE = _example()
# The same node where node-exporter runs (docs/sections.md, "With node-exporter").
EXPORTER_EXAMPLE = _example("\n### With node-exporter\n")


def _table(text: str, heading: str) -> list[list[str]]:
    lines = text.splitlines()
    rows = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[2:]


def _rows_under_header(text: str, header: str) -> list[list[str]]:
    """The rows of the table whose header line is `header`."""
    lines = text.splitlines()
    rows = []
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def _table_lines(section: str, example: dict[str, list[str]]) -> list[list[str]]:
    """Whitespace-split lines, as Checkmk splits a section without a separator."""
    return [line.split() for line in example.get(section, [])]


# cmk/plugins/collection/agent_based/kernel.py: parse_kernel keeps lines starting with "cpu";
# discover_kernel_util yields the service when there is one.
def discover_kernel_util(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    table = _table_lines("kernel", example)
    if not table:
        return []
    int(table[0][0])  # the timestamp line
    cpu = [line for line in table[1:] if line[0].startswith("cpu")]
    assert all(len(line) >= 5 and all(v.isdigit() for v in line[1:]) for line in cpu)
    return ["CPU utilization"] if cpu else []


# cmk/plugins/collection/agent_based/mem.py parse_proc_meminfo_bytes ("Key:" value ["kB"]),
# cmk/plugins/lib/memory.py is_linux_section (the keys mem_linux needs): service "Memory".
def discover_mem_linux(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    section = {}
    for line in _table_lines("mem", example):
        value = int(line[1])
        if len(line) > 2 and line[2] == "kB":
            value *= 1024
        section[line[0][:-1]] = value
    linux = {"Buffers", "Cached", "Dirty", "MemFree", "MemTotal", "SwapFree", "SwapTotal",
             "Writeback"} <= section.keys()
    return ["Memory"] if linux else []


# cmk/plugins/collection/agent_based/df_section.py parse_df (_padded_line, the inodes
# subsection, size 0 dropped); df discovery skips the default ignored types (tmpfs, nfs, smbfs,
# cifs, iso9660) and names the service after the mount point.
def discover_df(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    services = []
    blocks = True
    for line in _table_lines("df", example):
        if line[-1] in ("[df_inodes_start]", "[df_inodes_end]"):
            blocks = line[-1] == "[df_inodes_end]"
            continue
        try:
            int(line[1])
            line = [line[0], ""] + line[1:]
        except ValueError:
            pass
        device, fs_type, size_kb, used_kb, avail_kb, _, *rest = line
        # size - used - avail is the space reserved for root (0 in cAdvisor's rows).
        assert int(size_kb) >= int(used_kb) + int(avail_kb), line
        if blocks and int(size_kb) > 0 and fs_type not in ("tmpfs", "nfs", "smbfs", "cifs",
                                                          "iso9660"):
            services.append(f"Filesystem {' '.join(rest)}")
    return services


# cmk/plugins/collection/agent_based/diskstat.py parse_diskstat (a timestamp line, 14 fields
# per disk, partitions dropped when their disk is there), discovery default {"summary": True}.
def discover_diskstat(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    table = _table_lines("diskstat", example)
    if not table:
        return []
    int(table[0][0])
    disks = [line for line in table[1:] if len(line) == 14]
    assert len(disks) == len(table) - 1
    for line in disks:
        assert line[0] == "None" and line[1] == "None" and all(v.isdigit() for v in line[3:])
    return ["Disk IO SUMMARY"] if disks else []


# cmk/plugins/collection/agent_based/lnx_if.py parse_lnx_if: with sep(58) a line is the name
# and >= 16 counters; without ethtool or ip link an interface with received bytes is up (1),
# "lo" has type 24, others 6; the default discovery takes up interfaces of type 6 and names them
# by index (sorted by name, from 1).
def discover_lnx_if(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    services = []
    rows = [line.split(":") for line in example.get("lnx_if:sep(58)", [])]
    for index, (name, counters) in enumerate(sorted((r[0].strip(), r[1]) for r in rows), 1):
        values = [int(v) for v in counters.split()]
        assert len(values) >= 16
        if name != "lo" and values[0] > 0:
            services.append(f"Interface {index}")
    return services


# cmk/plugins/collection/agent_based/kernel.py: parse_kernel keeps the lines named in
# KERNEL_COUNTER_NAMES with an integer value; discover_kernel_performance yields the service
# when one of them is there.
def discover_kernel_performance(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    table = _table_lines("kernel", example)
    counters = {"processes", "ctxt", "pgmajfault", "pswpin", "pswpout"}
    found = [line for line in table[1:] if line[0] in counters and line[1].isdigit()]
    for key in counters:
        assert sum(1 for line in found if line[0] == key) <= 1, f"{key} twice: UNKNOWN"
    return ["Kernel Performance"] if found else []


# cmk/plugins/collection/agent_based/cpu.py parse_cpu: at least 5 fields, loads as floats, the
# CPU count from the 6th field, threads from "running/total"; cpu_loads discovers "CPU load"
# on any section, cpu_threads "Number of threads" on one with a thread count.
def discover_cpu_loads(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    table = _table_lines("cpu", example)
    if not table or len(table[0]) < 5:
        return []
    row = table[0]
    [float(v) for v in row[:3]]
    assert int(row[5]) >= 1
    int(row[3].split("/")[1])
    return ["CPU load"]


# cmk/plugins/collection/agent_based/uptime.py parse_uptime: the first field as seconds since
# boot; uptime.discover yields "Uptime" on a section.
def discover_uptime(example: dict[str, list[str]] = EXAMPLE) -> list[str]:
    table = _table_lines("uptime", example)
    if not table:
        return []
    assert float(table[0][0]) >= 0
    return ["Uptime"]


DISCOVERED = {
    "kernel_util": discover_kernel_util,
    "kernel_performance": discover_kernel_performance,
    "cpu_loads": discover_cpu_loads,
    "uptime": discover_uptime,
    "mem_linux": discover_mem_linux,
    "df": discover_df,
    "diskstat": discover_diskstat,
    "lnx_if": discover_lnx_if,
}


def test_the_contract_names_each_sections_checkmk_plugin() -> None:
    rows = _rows_under_header(
        SECTIONS_DOC,
        "| Section | Checkmk parse function (`cmk/plugins/collection/agent_based/`) | Service (plug-in) |",
    )
    headers = {re.search(r"<<<(.+)>>>", r[0]).group(1) for r in rows}
    assert headers == set(EXAMPLE), "the table and the example list different sections"
    rows = _rows_under_header(
        SECTIONS_DOC, "| Section | Checkmk parse function | Service (plug-in) | Replaces |"
    )
    exporter = {re.search(r"<<<(.+)>>>", r[0]).group(1) for r in rows}
    assert exporter == set(EXPORTER_EXAMPLE) - set(EXAMPLE) | {"kernel", "df"}


def test_each_plugin_finds_its_service_in_the_example() -> None:
    assert discover_kernel_util() == ["CPU utilization"]
    assert discover_mem_linux() == ["Memory"]
    assert discover_df() == ["Filesystem /dev/sda1"]
    assert discover_diskstat() == ["Disk IO SUMMARY"]
    assert discover_lnx_if() == ["Interface 1"]
    assert discover_kernel_performance() == []
    assert discover_cpu_loads() == [] and discover_uptime() == []


def test_with_node_exporter_each_plugin_finds_its_service() -> None:
    assert discover_kernel_util(EXPORTER_EXAMPLE) == ["CPU utilization"]
    assert discover_kernel_performance(EXPORTER_EXAMPLE) == ["Kernel Performance"]
    assert discover_cpu_loads(EXPORTER_EXAMPLE) == ["CPU load"]
    assert discover_uptime(EXPORTER_EXAMPLE) == ["Uptime"]
    # Mount points now; /run is a tmpfs, which discovery skips by default.
    assert discover_df(EXPORTER_EXAMPLE) == ["Filesystem /"]
    assert discover_mem_linux(EXPORTER_EXAMPLE) == ["Memory"]


def test_switching_table_rows() -> None:
    rows = _table(SWITCHING_DOC, "## Node OS services")
    assert rows
    for theirs, ours, plugin, section, mark in rows:
        if mark.startswith("missing"):
            assert ours == NONE and plugin == NONE and section == NONE, theirs
            continue
        assert mark.startswith(("same", "renamed because")), mark
        assert mark.startswith("renamed") or theirs == ours
        name = re.search(r"`(.+)`", plugin).group(1)
        header = re.search(r"`(.+)`", section).group(1)
        # Rows that need node-exporter say so and are read from its example.
        example = EXPORTER_EXAMPLE if "node-exporter" in mark else EXAMPLE
        assert any(h.split(":")[0] == header for h in example), f"{header} not written"
        pattern = re.escape(ours).replace("%s", ".+")
        found = DISCOVERED[name](example)
        assert any(re.fullmatch(pattern, s) for s in found), f"{name} finds {found}, not {ours}"

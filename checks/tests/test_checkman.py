"""Every check plug-in has a man page with the Checkmk headers, and no man page is orphaned."""

from pathlib import Path

import kubemon_env
import pytest

CHECKMAN = Path(__file__).resolve().parents[1] / "checkman"
PLUGINS = {p.name: p for p in kubemon_env.plugin_objects("agent_based", "check_plugin_").values()}
HEADERS = {
    "agents": "kubemon",
    "catalog": "app/kubernetes",
    "license": "GPLv2",
    "distribution": "kubemon",
}


@pytest.mark.parametrize("name", sorted(PLUGINS))
def test_man_page(name: str) -> None:
    page = CHECKMAN / name
    assert page.is_file(), f"checks/checkman/{name} is missing"
    text = page.read_text(encoding="utf-8")
    headers = dict(
        line.split(": ", 1) for line in text.splitlines() if line and not line[
            0
        ].isspace() and ": " in line
    )
    assert headers.get("title")
    assert {k: headers.get(k) for k in HEADERS} == HEADERS
    blocks = [
        line.rstrip(":") for line in text.splitlines() if line.endswith(":") and not line[
            0
        ].isspace()
    ]
    has_item = "%s" in PLUGINS[name].service_name
    assert blocks == (
        ["description", "item", "discovery"] if has_item else ["description", "discovery"]
    )
    if PLUGINS[name].check_ruleset_name:
        assert "Setup > Services" in text, "the description must name the rule"


def test_no_orphaned_man_pages() -> None:
    assert {p.name for p in CHECKMAN.iterdir()} == set(PLUGINS)

"""Scenario data: the JSON examples of docs/sections.md and the quirk files in checks/tests/data."""

import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
NOW = 1764201600.0  # the "started" of the agent status example in docs/sections.md


def doc_examples() -> dict[str, Any]:
    """Parsed section name (without _v1) → the example JSON under its heading in docs/sections.md."""
    text = (REPO / "docs" / "sections.md").read_text(encoding="utf-8")
    found = re.findall(r"^## (kubemon_\w+?)_v1\b[^\n]*\n.*?```json\n(.*?)\n```", text, re.S | re.M)
    return {name: json.loads(body) for name, body in found}


def quirk(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))

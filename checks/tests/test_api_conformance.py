"""The stand-in behaves like Checkmk's real plug-in APIs on every conformance probe.

../shared/fixtures/cmk-api-conformance/probes.json holds expressions and the outcome each gave
on the real API package (2.4 line, Python 3.12). Compared as its README says: whether a value
came back or an exception, and the exception's type, always; the exact text for `render.*` and
`check_levels`, which reach the user. Values that are plain Python literals (numbers, strings,
tuples, …) must be equal too; reprs of objects and exception messages are informational.
"""

import ast
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBES = REPO.parent / "shared" / "fixtures" / "cmk-api-conformance" / "probes.json"

# Literal outcomes that are random on every run (a fresh uuid4), so only "a value" is compared.
RANDOM = {"migrate_to_password('password', s)"}


def _load() -> dict[str, Any]:
    if not PROBES.is_file():
        return {"setup": [], "probes": []}
    return json.loads(PROBES.read_text(encoding="utf-8"))


DATA = _load()


def _outcome(expr: str, namespace: dict[str, Any]) -> tuple[bool, str, object]:
    """(raised, exception type name or repr of the value, the value)."""
    try:
        value = eval(expr, namespace)  # noqa: S307 - the probes are our shared fixture
    except Exception as exc:  # noqa: BLE001 - the type is what is compared
        return True, type(exc).__name__, None
    return False, repr(value), value


def _literal(text: str) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return False, None


@pytest.fixture(scope="module")
def namespace() -> dict[str, Any]:
    assert len(DATA["probes"]) == 156, "probes.json should hold the 156 probes its README names"
    names: dict[str, Any] = {}
    exec("\n".join(DATA["setup"]), names)  # noqa: S102 - imports and aliases of the fixture
    return names


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The probes' dates were taken in UTC; local time is what render uses, as on a site."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "probe",
    DATA["probes"] or [None],
    ids=lambda p: p["name"] if p else "no-probes",
)
def test_probe(probe: dict[str, str] | None, utc: None, request: pytest.FixtureRequest) -> None:
    if probe is None:
        pytest.skip(f"no {PROBES} (../shared is only in the workspace)")
    namespace = request.getfixturevalue("namespace")
    real = probe["real"]
    real_raised = real.startswith("!")
    raised, got, value = _outcome(probe["expr"], namespace)
    where = f"{probe['expr']}: real {real}, stand-in {'! ' if raised else '= '}{got}"
    assert raised == real_raised, where
    if raised:
        assert got == real[2:].split(":", 1)[0], where
        return
    expected = real[2:]
    if probe["name"].startswith(("render.", "check_levels")):
        assert got == expected, where
    is_literal, literal = _literal(expected)
    if is_literal and probe["name"] not in RANDOM:
        assert value == literal and type(value) is type(literal), where

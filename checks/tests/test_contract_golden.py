"""docs/sections.md against what the agent really writes: the field names of every section in
every golden agent output equal the fields of the section's example in the contract."""

from typing import Any

import pytest
from kubemon_golden import RECORDINGS, golden_hosts
from kubemon_scenarios import doc_examples

# Fields whose value is a map of Kubernetes keys (labels, selectors), not of contract fields.
FREE_MAPS = {"labels", "annotations", "selector", "hard", "used", "containers"}


def _fields(value: Any, path: str = "") -> set[str]:
    """Field paths of a section, list entries as `[]`, with nested objects one level down."""
    if isinstance(value, list):
        return set().union(*(_fields(v, f"{path}[]") for v in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, item in value.items():
        found.add(f"{path}.{key}")
        if key not in FREE_MAPS or isinstance(item, list):
            found |= _fields(item, f"{path}.{key}")
    return found


def _documented() -> dict[str, set[str]]:
    examples = doc_examples()
    # One heading and one example serve both resource sections.
    examples["kubemon_memory_resources"] = examples["kubemon_cpu_resources"]
    return {name: _fields(example) for name, example in examples.items()}


@pytest.mark.parametrize("recording", RECORDINGS)
def test_golden_sections_have_exactly_the_documented_fields(recording: str) -> None:
    documented = _documented()
    mismatches = []
    for host, sections in golden_hosts(recording, "cluster").items():
        for name, value in sections.items():
            got = _fields(value)
            # An empty list or a null object in this output cannot show its entries' fields.
            missing = {
                f for f in documented[name] - got if not any(f.startswith(g) for g in _empty(value))
            }
            if missing or got - documented[name]:
                mismatches.append((host, name, sorted(missing), sorted(got - documented[name])))
    assert mismatches == []


def _empty(value: Any, path: str = "") -> set[str]:
    """Paths whose value is null or an empty list: their sub-fields cannot appear."""
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item == []:
                found.add(f"{path}.{key}")
            else:
                found |= _empty(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            found |= _empty(item, f"{path}[]")
    return found

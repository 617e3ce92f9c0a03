"""Helpers shared by the kubemon check plug-ins."""

import json
from collections.abc import Mapping, MutableMapping
from typing import Any

from cmk.agent_based.v2 import CheckResult, Metric, Result, State, StringTable, check_levels, render


_scan = json.JSONDecoder().scan_once


def _loads(text: str) -> Any:
    """json.loads(text): the decoder's scanner directly for a line that is exactly one value
    (as the agent writes them), json.loads itself for anything else (and its errors)."""
    try:
        value, end = _scan(text, 0)
    except (StopIteration, TypeError, ValueError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def parse_json(string_table: StringTable) -> Any:
    """A kubemon section is one line holding one JSON object (docs/sections.md, Framing)."""
    if not string_table or not string_table[0]:
        return None
    return _loads(string_table[0][0])


def parse_lean(string_table: StringTable, defaults: Mapping[str, Any]) -> Any:
    """A `_v2` section: what it leaves out is `defaults` (docs/sections.md, Framing)."""
    if not string_table or not string_table[0]:
        return None
    return {**defaults, **_loads(string_table[0][0])}


def with_identity(
    info: Mapping[str, Any],
    labels: Mapping[str, Any] | None,
) -> Mapping[str, Any]:
    """kubemon_pod_info_v3 (or kubemon_workload_info_v2) with the name, namespace, node and
    controllers of the host's labels."""
    labels = labels or {}
    identity = {key: labels.get(key) for key in ("name", "namespace", "node")}
    return {**identity, "controllers": labels.get("controllers") or [], **info}


def seconds_in_state(
    value_store: MutableMapping[str, Any],
    key: str,
    state: str,
    now: float,
) -> float:
    """Seconds the object has been in `state` since this site first saw it there.

    The value store keeps `[state, first_seen]`; a change of state restarts the clock.
    """
    seen = value_store.get(key)
    if not isinstance(seen, list) or seen[0] != state:
        value_store[key] = [state, now]
        return 0.0
    return max(0.0, now - seen[1])


def counts_text(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name}: {count}" for name, count in counts.items())


def cores(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + (" core" if value == 1 else " cores")


def check_space(
    used: float | None,
    capacity: float | None,
    levels_upper: tuple[str, Any],
    metric_prefix: str,
) -> CheckResult:
    """Used share of a filesystem or volume; nothing when the usage source gave no figures."""
    if used is None or not capacity:
        return
    yield from check_levels(
        100.0 * used / capacity,
        levels_upper=levels_upper,
        metric_name=f"{metric_prefix}_used_percent",
        render_func=render.percent,
        label="Used",
        boundaries=(0.0, 100.0),
    )
    yield Result(state=State.OK, summary=f"{render.bytes(used)} of {render.bytes(capacity)}")
    yield Metric(f"{metric_prefix}_used", used, boundaries=(0.0, capacity))


def failure_reason(source: Mapping[str, Any]) -> str:
    """A failed source's message without its leading `GET /path: `, the same for every request."""
    message = str(source.get("message") or "failed").replace("\n", " ")
    request = source.get("request")
    if request and message.startswith(f"{request}: "):
        return message[len(request) + 2 :]
    return message


def fix_text(source: Mapping[str, Any]) -> str:
    """` - fix: HINT (docs/troubleshooting.md#ANCHOR)`, or what of it the source has."""
    text = ""
    if source.get("hint"):
        text += f" - fix: {source['hint']}"
    if source.get("anchor"):
        text += f" (docs/troubleshooting.md#{source['anchor']})"
    return text.replace("\n", " ")


def match_expressions_text(expressions: Any) -> str:
    """A selector's matchExpressions as kubectl writes them: `tier notin (canary), track, !old`."""
    parts = []
    for e in expressions or []:
        key, operator = e.get("key"), e.get("operator")
        if operator == "Exists":
            parts.append(str(key))
        elif operator == "DoesNotExist":
            parts.append(f"!{key}")
        else:
            parts.append(f"{key} {str(operator).lower()} ({', '.join(e.get('values') or [])})")
    return ", ".join(parts)

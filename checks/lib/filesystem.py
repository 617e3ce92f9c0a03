"""Filesystem levels as Checkmk admins know them from "Filesystems (used space and growth)".

Our own small version of those semantics (Checkmk's cmk.plugins.lib.df is not a stable API):
used and free levels, the magic factor that eases or tightens percentage levels with the size of
the filesystem, and a growth trend with the time left until full.
"""

from collections.abc import Mapping, MutableMapping
from typing import Any

from cmk.agent_based.v2 import CheckResult, Metric, Result, State, check_levels, render

GIB = 1024**3
MIB = 1024**2
NO_LEVELS = ("no_levels", None)


def magic_levels(
    levels: tuple[float, float],
    size_bytes: float,
    factor: float,
    normsize_gib: float,
    minimum: tuple[float, float],
) -> tuple[float, float]:
    """Used-space levels (%) adjusted to the filesystem's size by the magic factor.

    The free margin above each level (100 - level) is scaled by (size / normsize) ** (factor - 1):
    a filesystem of the norm size keeps the levels, a larger one gets a smaller margin (higher
    levels), a smaller one a larger margin (lower levels), never below `minimum`. Factor 1 keeps
    the levels as they are, smaller factors adjust more.
    """
    if factor == 1.0 or size_bytes <= 0:
        return levels
    scale = (size_bytes / (normsize_gib * GIB)) ** (factor - 1.0)
    warn, crit = (100.0 - (100.0 - level) * scale for level in levels)
    return max(warn, minimum[0]), max(crit, minimum[1])


def _used_levels(params: Mapping[str, Any], capacity: float) -> tuple[str, Any]:
    """The used-% levels: the rule's used levels, or its free-% levels turned into used ones, the
    stricter of both, adjusted by the magic factor when the rule sets one."""
    candidates = []
    if params.get("used_percent", NO_LEVELS)[0] == "fixed":
        candidates.append(tuple(params["used_percent"][1]))
    if params.get("free_percent", NO_LEVELS)[0] == "fixed":
        candidates.append(tuple(100.0 - free for free in params["free_percent"][1]))
    if not candidates:
        return NO_LEVELS
    levels = (min(c[0] for c in candidates), min(c[1] for c in candidates))
    magic = params.get("magic")
    if magic:
        levels = magic_levels(
            levels,
            capacity,
            magic["factor"],
            magic["normsize_gib"],
            (magic["minimum_warn"], magic["minimum_crit"]),
        )
    return ("fixed", levels)


def _signed_bytes(value: float) -> str:
    return ("+" if value >= 0 else "-") + render.bytes(abs(value))


def _signed_percent(value: float) -> str:
    return ("+" if value >= 0 else "-") + render.percent(abs(value))


def growth_rate(
    store: MutableMapping[str, Any],
    now: float,
    used: float,
    range_seconds: float,
) -> float | None:
    """Average growth in bytes per second, or None on the first sample (or a clock going back).

    Each check adds the growth since the last one; the weight of the older average halves with
    every trend range that passes, so the average follows the last few ranges.
    """
    last = store.get("trend")
    store["trend"] = {"time": now, "used": used, "rate": None}
    if not isinstance(last, dict) or now <= last["time"]:
        return None
    step = now - last["time"]
    rate = (used - last["used"]) / step
    if last.get("rate") is not None:
        weight = 0.5 ** (step / range_seconds)
        rate = weight * last["rate"] + (1.0 - weight) * rate
    store["trend"]["rate"] = rate
    return rate


def check_trend(
    store: MutableMapping[str, Any],
    now: float,
    used: float,
    capacity: float,
    trend: Mapping[str, Any],
) -> CheckResult:
    range_seconds = trend["range_hours"] * 3600.0
    rate = growth_rate(store, now, used, range_seconds)
    if rate is None:
        yield Result(state=State.OK, notice="Trend: first sample, growth shows from the next check")
        return
    per_range = rate * range_seconds
    label = f"Growth per {render.timespan(range_seconds)}"
    mib = trend.get("growth_mib", NO_LEVELS)
    yield from check_levels(
        per_range,
        levels_upper=("fixed", (mib[1][0] * MIB, mib[1][1] * MIB)) if mib[0] == "fixed" else None,
        render_func=_signed_bytes,
        label=label,
    )
    yield from check_levels(
        100.0 * per_range / capacity,
        levels_upper=trend.get("growth_percent", NO_LEVELS),
        render_func=_signed_percent,
        label=f"{label} (share of capacity)",
    )
    if rate > 0:
        yield from check_levels(
            max(capacity - used, 0.0) / rate,
            levels_lower=trend.get("time_left", NO_LEVELS),
            render_func=render.timespan,
            label="Time left until full",
        )


def check_filesystem(
    params: Mapping[str, Any],
    used: float,
    capacity: float,
    metric_prefix: str,
    store: MutableMapping[str, Any] | None = None,
    now: float = 0.0,
) -> CheckResult:
    """Used share against (magic-adjusted) levels, free space against absolute levels, the sizes,
    and the growth trend if the params ask for it (then `store` and `now` are needed)."""
    levels = _used_levels(params, capacity)
    yield from check_levels(
        100.0 * used / capacity,
        levels_upper=levels,
        metric_name=f"{metric_prefix}_used_percent",
        render_func=render.percent,
        label="Used",
        boundaries=(0.0, 100.0),
    )
    free_mib = params.get("free_mib", NO_LEVELS)
    if free_mib[0] == "fixed":
        yield from check_levels(
            capacity - used,
            levels_lower=("fixed", (free_mib[1][0] * MIB, free_mib[1][1] * MIB)),
            render_func=render.bytes,
            label="Free",
        )
    yield Result(state=State.OK, summary=f"{render.bytes(used)} of {render.bytes(capacity)}")
    yield Metric(f"{metric_prefix}_used", used, boundaries=(0.0, capacity))
    if params.get("magic"):
        magic = params["magic"]
        yield Result(
            state=State.OK,
            notice=f"Levels for the size (magic factor {magic['factor']}, "
            f"norm size {magic['normsize_gib']} GiB)",
        )
    if params.get("trend") and store is not None:
        yield from check_trend(store, now, used, capacity, params["trend"])

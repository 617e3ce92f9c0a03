"""checks/lib/filesystem.py: df semantics (magic factor, free levels, trend) on worked examples.

Every expected number below is worked out by hand in the comment next to it.
"""

from typing import Any

import pytest
from kubemon_scenarios import NOW, quirk

from cmk.agent_based.v2 import Metric, Result, State
from cmk_addons.plugins.kubemon.agent_based import kubemon_pod_pvcs
from cmk_addons.plugins.kubemon.lib import filesystem

GIB, MIB = 1024**3, 1024**2
MINIMUM = (50.0, 60.0)


@pytest.mark.parametrize(
    "size_gib, factor, expected",
    [
        # The norm size keeps the levels, whatever the factor.
        pytest.param(20, 0.5, (80.0, 90.0), id="norm-size"),
        # 80 GiB is 4 norm sizes: margins scale by 4 ** (0.5 - 1) = 1/2: 20 -> 10, 10 -> 5.
        pytest.param(80, 0.5, (90.0, 95.0), id="four-times-larger-eases"),
        # 5 GiB is 1/4: margins scale by (1/4) ** -0.5 = 2: 20 -> 40, 10 -> 20.
        pytest.param(5, 0.5, (60.0, 80.0), id="four-times-smaller-tightens"),
        # 1.25 GiB is 1/16: scale 4: 20 -> 80 (20 %, raised to the minimum 50), 10 -> 40 (60 %).
        pytest.param(1.25, 0.5, (50.0, 60.0), id="minimum-levels-hold"),
        # Factor 1 adjusts nothing.
        pytest.param(1.25, 1.0, (80.0, 90.0), id="factor-one"),
    ],
)
def test_magic_factor_worked_examples(
    size_gib: float, factor: float, expected: tuple[float, float]
) -> None:
    levels = filesystem.magic_levels((80.0, 90.0), size_gib * GIB, factor, 20.0, MINIMUM)
    assert levels == pytest.approx(expected)


def test_magic_factor_matches_checkmks_documented_table() -> None:
    # Checkmk's df documentation: norm size 20 GB, level 80 %: 10 GB at factor 0.9 -> 79 %,
    # 50 GB at factor 0.5 -> 87 %. By hand: 100 - 20 * 0.5 ** -0.1 = 78.56;
    # 100 - 20 * 2.5 ** -0.5 = 87.35.
    warn_10, _ = filesystem.magic_levels((80.0, 90.0), 10 * GIB, 0.9, 20.0, MINIMUM)
    warn_50, _ = filesystem.magic_levels((80.0, 90.0), 50 * GIB, 0.5, 20.0, MINIMUM)
    assert (round(warn_10), round(warn_50)) == (79, 87)
    assert warn_10 == pytest.approx(78.56, abs=0.005)


def test_free_levels_turn_into_used_levels_and_the_stricter_wins() -> None:
    # Free 25/15 % is used 75/85 %: stricter than used 80/90 on both.
    params = {"used_percent": ("fixed", (80.0, 90.0)), "free_percent": ("fixed", (25.0, 15.0))}
    results = list(filesystem.check_filesystem(params, 78 * GIB, 100 * GIB, "x"))
    assert results[0] == Result(
        state=State.WARN, summary="Used: 78.00% (warn/crit at 75.00%/85.00%)"
    )
    assert results[1] == Metric(
        "x_used_percent", 78.0, levels=(75.0, 85.0), boundaries=(0.0, 100.0)
    )


def test_growth_rate_worked_example() -> None:
    store: dict[str, Any] = {}
    hour = 3600.0
    assert filesystem.growth_rate(store, 1000.0, 1 * GIB, hour) is None  # first sample
    # 900 MiB more after 1800 s: 0.5 MiB/s; no older average yet.
    assert filesystem.growth_rate(store, 2800.0, GIB + 900 * MIB, hour) == 0.5 * MIB
    # One full range later, nothing grew: rate 0, the old average weighs 0.5 ** 1:
    # 0.5 * 0.5 MiB/s + 0.5 * 0 = 0.25 MiB/s.
    assert filesystem.growth_rate(store, 6400.0, GIB + 900 * MIB, hour) == 0.25 * MIB
    # A clock going back restarts the trend instead of dividing by a negative time.
    assert filesystem.growth_rate(store, 6000.0, GIB, hour) is None


def test_trend_results_growth_share_and_time_left() -> None:
    trend = {
        "range_hours": 1,
        "growth_mib": ("fixed", (1024, 2048)),
        "growth_percent": ("no_levels", None),
        "time_left": ("fixed", (6 * 3600.0, 3600.0)),
    }
    store: dict[str, Any] = {"trend": {"time": 1000.0, "used": 1 * GIB, "rate": None}}
    # 10 GiB volume, 900 MiB more in 1800 s: 0.5 MiB/s = 1800 MiB per hour (over 1024: WARN),
    # 1800 MiB of 10240 MiB = 17.58 %; free 10240 - 1924 = 8316 MiB at 0.5 MiB/s = 16632 s
    # = 4 h 37 min (below 6 h: WARN).
    results = list(filesystem.check_trend(store, 2800.0, GIB + 900 * MIB, 10 * GIB, trend))
    assert results == [
        Result(
            state=State.WARN,
            summary="Growth per 1 hour 0 minutes: +1.76 GiB (warn/crit at +1.00 GiB/+2.00 GiB)",
        ),
        Result(state=State.OK, summary="Growth per 1 hour 0 minutes (share of capacity): +17.58%"),
        Result(
            state=State.WARN,
            summary="Time left until full: 4 hours 37 minutes "
            "(warn/crit below 6 hours 0 minutes/1 hour 0 minutes)",
        ),
    ]


PVC = quirk("pvc_claim_missing")


def _pvc(params: dict[str, Any], store: dict[str, Any]) -> list[object]:
    return list(
        kubemon_pod_pvcs._check(
            NOW,
            store,
            "cache",
            {**kubemon_pod_pvcs.DEFAULT_PARAMS, **params},
            PVC["kubemon_pod_pvcs"],
            PVC["kubemon_pvc_usage"],
        )
    )


def test_pvc_magic_factor_tightens_levels_of_a_small_volume() -> None:
    # The claim "cache": 2 GiB, 204.8 MiB available: 90.00 % used (1932735283 B). 2 GiB is
    # 1/10 of the norm size: margins scale by 0.1 ** (0.8 - 1) = 10 ** 0.2 = 1.5849:
    # warn 100 - 20 * 1.5849 = 68.30 %, crit 100 - 10 * 1.5849 = 84.15 %: CRIT.
    magic = {"factor": 0.8, "normsize_gib": 20.0, "minimum_warn": 50.0, "minimum_crit": 60.0}
    results = _pvc({"magic": magic}, {})
    assert results[1] == Result(
        state=State.CRIT, summary="Used: 90.00% (warn/crit at 68.30%/84.15%)"
    )
    assert results[2].levels == pytest.approx((68.30, 84.15), abs=0.005)
    assert Result(
        state=State.OK, notice="Levels for the size (magic factor 0.8, norm size 20.0 GiB)"
    ) in results


def test_pvc_absolute_free_levels() -> None:
    # 2147483648 - 1932735283 = 214748365 B = 204.8 MiB free: below 256 MiB, above 128 MiB.
    results = _pvc({"free_mib": ("fixed", (256, 128))}, {})
    assert Result(
        state=State.WARN, summary="Free: 205 MiB (warn/crit below 256 MiB/128 MiB)"
    ) in results


def test_pvc_trend_runs_on_the_samples_clock() -> None:
    # The usage sample is stamped 1764201590; one hour earlier 1 GiB less was used.
    stamp = PVC["kubemon_pvc_usage"]["timestamp"]
    trend = {
        "range_hours": 24,
        "growth_mib": ("no_levels", None),
        "growth_percent": ("no_levels", None),
        "time_left": ("fixed", (3 * 86400.0, 86400.0)),
    }
    store = {"trend": {"time": stamp - 3600, "used": 1932735283 - GIB, "rate": None}}
    results = _pvc({"trend": trend}, store)
    # 1 GiB per hour; 204.8 MiB free lasts 204.8 / 1024 h = 720 s: CRIT.
    assert Result(
        state=State.CRIT,
        summary="Time left until full: 12 minutes 0 seconds "
        "(warn/crit below 3 days 0 hours/1 day 0 hours)",
    ) in results
    assert store["trend"]["time"] == stamp

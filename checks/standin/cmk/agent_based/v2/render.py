"""Stand-in for cmk.agent_based.v2.render, rendering exactly as a site does.

Sizes and bandwidths keep three significant digits ("696 MiB", "46.6 GB", "12.5 kB/s", but
"0.00 B/s"); plain bytes drop the decimals ("1023 B"). Percentages print "0%" for zero and
"<0.01%" below a hundredth. Time spans use the two largest units, the last one rounded, and go
down to microseconds. Dates are local time, as on the site.
"""

import math
import time

_SI = ("", "k", "M", "G", "T", "P", "E", "Z", "Y")
_IEC = ("", "K", "M", "G", "T", "P", "E", "Z", "Y")

_TIME_UNITS = (
    ("years", 31536000.0),
    ("days", 86400.0),
    ("hours", 3600.0),
    ("minutes", 60.0),
    ("seconds", 1.0),
    ("milliseconds", 1e-3),
    ("microseconds", 1e-6),
    ("nanoseconds", 1e-9),
    ("picoseconds", 1e-12),
    ("femtoseconds", 1e-15),
    ("attoseconds", 1e-18),
    ("zeptoseconds", 1e-21),
    ("yoctoseconds", 1e-24),
)


def _integer_digits(value: float) -> int:
    """Digits left of the decimal point, at least one."""
    if value == 0:
        return 1
    return max(int(math.log10(abs(value)) + 1), 1)


def _scale(value: float, si: bool) -> tuple[str, str]:
    """The value in its largest unit prefix, to three significant digits, and the prefix."""
    base = 1000.0 if si else 1024.0
    prefixes = _SI if si else _IEC
    exponent = int(math.log(abs(value), base)) if value else 0
    exponent = min(max(exponent, 0), len(prefixes) - 1)
    scaled = float(value) / base**exponent
    decimals = max(3 - _integer_digits(scaled), 0)
    return f"{scaled:.{decimals}f}", prefixes[exponent]


def _byte_unit(prefix: str, si: bool) -> str:
    return "B" if not prefix else f"{prefix}B" if si else f"{prefix}iB"


def bytes(value: float) -> str:  # noqa: A001 - the API's name
    number, prefix = _scale(float(value), si=False)
    return f"{number if prefix else number.split('.')[0]} {_byte_unit(prefix, si=False)}"


def disksize(value: float) -> str:
    number, prefix = _scale(float(value), si=True)
    return f"{number if prefix else number.split('.')[0]} {_byte_unit(prefix, si=True)}"


def filesize(value: float) -> str:
    return f"{round(float(value)):,} B"


def iobandwidth(value: float) -> str:
    number, prefix = _scale(float(value), si=True)
    return f"{number} {_byte_unit(prefix, si=True)}/s"


def networkbandwidth(octets_per_sec: float) -> str:
    number, prefix = _scale(float(octets_per_sec) * 8, si=True)
    return f"{number} {prefix}Bit/s"


def percent(value: float) -> str:
    value = float(value)
    if value == 0.0:
        return "0%"
    if 0.0 < value < 0.01:
        return "<0.01%"
    return f"{value:.2f}%"


def timespan(seconds: float) -> str:
    seconds = float(seconds)
    if seconds < 0:
        raise ValueError("Cannot render negative timespan")
    start = len(_TIME_UNITS) - 1
    for i, (_, size) in enumerate(_TIME_UNITS):
        if seconds >= size:
            start = i
            break
    parts = []
    for unit, size in _TIME_UNITS[start : start + 2]:
        last = unit.endswith("seconds")
        count = round(seconds / size) if last else int(seconds / size)
        parts.append(f"{count} {unit if count != 1 else unit[:-1]}")
        if last:
            break
        seconds %= size
    text = " ".join(parts)
    return "0 seconds" if text == f"0 {_TIME_UNITS[-1][0]}" else text


def time_offset(seconds: float) -> str:
    return f"-{timespan(-seconds)}" if seconds < 0 else timespan(seconds)


def datetime(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(epoch)))


def date(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(float(epoch)))

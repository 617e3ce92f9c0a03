"""Stand-in for cmk.agent_based.v2.render: the renderers the kubemon plug-ins use."""

import time

_IEC = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")
_SI = ("B", "kB", "MB", "GB", "TB", "PB")


def _scaled(value: float, base: int, units: tuple[str, ...]) -> str:
    sign, value = ("-" if value < 0 else ""), abs(float(value))
    index = 0
    while value >= base and index < len(units) - 1:
        value /= base
        index += 1
    return f"{sign}{value:.0f} {units[0]}" if index == 0 else f"{sign}{value:.2f} {units[index]}"


def bytes(value: float) -> str:  # noqa: A001 - the API's name
    return _scaled(value, 1024, _IEC)


def disksize(value: float) -> str:
    return _scaled(value, 1000, _SI)


def filesize(value: float) -> str:
    return f"{int(value):,} B"


def iobandwidth(value: float) -> str:
    return _scaled(value, 1000, _SI) + "/s"


def networkbandwidth(octets_per_sec: float) -> str:
    return _scaled(octets_per_sec * 8, 1000, ("Bit", "kBit", "MBit", "GBit", "TBit", "PBit")) + "/s"


def percent(value: float) -> str:
    return f"{float(value):.2f}%"


def timespan(seconds: float) -> str:
    seconds = float(seconds)
    if seconds < 0:
        raise ValueError(f"timespan must not be negative, got {seconds}")
    if 0 < seconds < 1:
        return f"{seconds * 1000:.0f} milliseconds"
    total = int(round(seconds))
    steps = (("year", 31536000), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))
    parts = []
    for name, size in steps:
        count, total = divmod(total, size)
        if count or parts:
            parts.append(f"{count} {name}{'' if count == 1 else 's'}")
        if len(parts) == 2:
            break
    return " ".join(parts) or "0 seconds"


def time_offset(seconds: float) -> str:
    return ("-" if seconds < 0 else "") + timespan(abs(seconds))


def datetime(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch))


def date(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))

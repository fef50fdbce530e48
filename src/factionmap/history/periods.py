"""ISO date prefixes ("2017", "2017-07", "2017-07-14") as the periods they name."""

from __future__ import annotations

import calendar
import re

_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_prefix(value: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of an ISO prefix, or None when it is not a valid one."""
    match = _PREFIX.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        assert month is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
    return year, month, day


def first_day(value: str) -> str:
    """The first day of the period, as YYYY-MM-DD ("2017" → "2017-01-01")."""
    parts = parse_prefix(value)
    if parts is None:
        return value
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def last_day(value: str) -> str:
    """The last day of the period, as YYYY-MM-DD ("2017-02" → "2017-02-28")."""
    parts = parse_prefix(value)
    if parts is None:
        return value
    year, month, day = parts
    month = month or 12
    return f"{year:04d}-{month:02d}-{day or calendar.monthrange(year, month)[1]:02d}"


def began_by(start: str | None, moment: str) -> bool:
    """True when a period starting at `start` has begun by the end of `moment`."""
    return start is None or first_day(start) <= last_day(moment)


def still_open(end: str | None, moment: str) -> bool:
    """True when a period ending at `end` has not ended by the start of `moment`."""
    return end is None or first_day(end) > first_day(moment)


def holds_at(start: str | None, end: str | None, moment: str) -> bool:
    """True when [start, end) covers the period `moment`."""
    return began_by(start, moment) and still_open(end, moment)


def more_precise(a: str, b: str) -> str:
    """Of two compatible prefixes ("2022" and "2022-03"), the longer; else the first."""
    if b.startswith(a) and len(b) > len(a):
        return b
    return a

"""Durations as people write them in routines (`45s`, `1m30s`, `2m`, `1:30`, `90`)."""

from __future__ import annotations

import re

MAX_SECONDS = 4 * 3600  # one hold, set or rest longer than this is a typo, not a plan

_UNITS = re.compile(r"(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?")
# Units as people spell them (`40 seconds`, `2 min`, `1 hour`), each one way to read.
_SPELLED = re.compile(r"(\d+)\s*(hours?|hrs?|minutes?|mins?|seconds?|secs?)\b")
_CLOCK = re.compile(r"(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d\d)")


def parse_duration(value: object) -> int:
    """Return whole seconds for a duration value, or raise ValueError saying why not.

    Args:
        value: a YAML scalar: an int, or a string such as "45s", "1m30s", "2m", "1:30".
    Returns:
        The duration in seconds (0 or more).
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected a duration such as 45s, 1m30s or 1:30, got {value!r}")
    if isinstance(value, float):
        raise ValueError(f"durations are whole seconds, got {value!r}")
    if isinstance(value, int):
        seconds = value
    elif isinstance(value, str):
        text = _SPELLED.sub(lambda m: m[1] + m[2][0], value.strip().lower()).replace(" ", "")
        if text.startswith("-"):
            raise ValueError(f"a duration cannot be negative, got {value!r}")
        seconds = _parse_text(text, value)
    else:
        raise ValueError(f"expected a duration such as 45s, 1m30s or 1:30, got {value!r}")
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative, got {value!r}")
    if seconds > MAX_SECONDS:
        raise ValueError(f"{value!r} is longer than the {MAX_SECONDS // 3600} h limit")
    return seconds


def _parse_text(text: str, written: str) -> int:
    if text.isdigit():
        return int(text)
    for pattern in (_CLOCK, _UNITS):
        match = pattern.fullmatch(text)
        if match and any(match.groupdict().values()):
            parts = {k: int(v or 0) for k, v in match.groupdict().items()}
            if pattern is _CLOCK and parts["s"] >= 60:
                break
            return parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    raise ValueError(f"{written!r} is not a duration; write it like 45s, 1m30s, 2m or 1:30")


def format_clock(seconds: float, *, round_up: bool = True) -> str:
    """Format seconds as a clock: `0:45`, `12:05`, `1:02:03`; never negative.

    A countdown rounds up (it shows 0:01 until time is up); elapsed time rounds down.
    """
    whole = max(0, int(-(-seconds // 1)) if round_up else int(seconds // 1))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def format_span(seconds: float) -> str:
    """Format a duration for reading: `45s`, `1m30s`, `12 min`, `1 h 05 min`."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 600 and whole % 60:
        return f"{whole // 60}m{whole % 60:02}s"
    minutes = round(whole / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02} min"


def format_estimate(seconds: float, approximate: bool) -> str:
    """A routine's length, said one way everywhere: `45s`, `7 min`, `~17 min`, `~1 h 05 min`
    (`~` when rep sets make it a guess)."""
    whole = round(seconds)
    text = format_span(whole) if whole < 60 or whole >= 3600 else f"{round(whole / 60)} min"
    return ("~" if approximate else "") + text

"""What each field of an export must be: the checks `history --import` makes of every
run, step, break and check-in before anything is written, each with what it expected."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from workout_tui.core.log.entries import SCORES
from workout_tui.core.log.schema import BREAK_ACTIONS, STATUSES
from workout_tui.core.plan import MAX_STEPS, Outcome, StepKind
from workout_tui.core.printable import is_text

MAX_TEXT = 10_000  # characters in a name, a load or a side
# What a person can have done: no step lasts a day, no set has 10,000 reps. Past these a
# number is a mistake or an attack (Infinity, 1e308), and would break every screen it reached.
MAX_STEP_SECONDS = 24 * 60 * 60
MAX_RUN_SECONDS = MAX_STEPS * MAX_STEP_SECONDS
MAX_REPS = 10_000


class BadExport(ValueError):
    """A file `--import` cannot take, with where in it and why."""


Check = Callable[[object], bool]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return _is_int(value) or isinstance(value, float)


def _is_text(value: object) -> bool:
    return is_text(value, MAX_TEXT)


def _between(low: float, high: float) -> Check:
    """A finite number from `low` to `high` (a whole number too big for a float is not)."""

    def check(value: object) -> bool:
        if not _is_number(value):
            return False
        try:
            number = float(value)  # type: ignore[arg-type]
        except OverflowError:
            return False
        return math.isfinite(number) and low <= number <= high

    return check


def _count(low: int, high: int) -> Check:
    return lambda value: _is_int(value) and low <= value <= high  # type: ignore[operator]


def _one_of(*values: str) -> Check:
    return lambda value: value in values


# Years a run or a check-in can have: the history's reckoning of weeks and days (insight,
# the calendar) steps a day or a year past any date it holds, which year 1 or 9999 breaks.
YEARS = range(1970, 9000)


def _time(value: object) -> bool:
    """An ISO 8601 time with its UTC offset, as the export writes (a bare one would be read
    in this machine's zone, and export differently), in YEARS."""
    try:
        at = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return at.utcoffset() is not None and at.year in YEARS


def _or_none(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _uid(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64 and value.isascii() and value.isalnum()


TIME = f"a date and time with its UTC offset (ISO 8601), from {YEARS[0]} to {YEARS[-1]}"
TEXT = f"text (valid Unicode, up to {MAX_TEXT:,} characters)"
STEP_SECONDS = f"a number of seconds up to a day ({MAX_STEP_SECONDS})"
RUN_SECONDS = f"a number of seconds up to {MAX_RUN_SECONDS}"
REPS = f"a whole number up to {MAX_REPS:,}"
RUN_FIELDS: dict[str, tuple[Check, str]] = {
    "id": (_count(1, 2**62), "a whole number from 1"),
    "uid": (_uid, "letters and digits, up to 64"),
    "session": (_is_text, TEXT),
    "session_name": (_is_text, TEXT),
    "session_hash": (_is_text, TEXT),
    "status": (_one_of(*STATUSES), f"one of {', '.join(STATUSES)}"),
    "started_at": (_time, TIME),
    "ended_at": (_or_none(_time), f"{TIME}, or null"),
    "speed": (_between(0.01, 1000), "a number from 0.01 to 1000"),
    "active_seconds": (_between(0, MAX_RUN_SECONDS), RUN_SECONDS),
    "work_seconds": (_between(0, MAX_RUN_SECONDS), RUN_SECONDS),
    "sets_planned": (_count(0, MAX_STEPS), f"a whole number up to {MAX_STEPS}"),
    "steps": (lambda value: isinstance(value, list), "a list"),
}
STEP_FIELDS: dict[str, tuple[Check, str]] = {
    "index": (_count(0, MAX_STEPS - 1), f"a whole number below {MAX_STEPS}"),
    "kind": (_one_of(*StepKind), f"one of {', '.join(StepKind)}"),
    "exercise": (_or_none(_is_text), f"{TEXT}, or null"),
    "side": (_or_none(_is_text), f"{TEXT}, or null"),
    "set": (_count(1, MAX_STEPS), "a whole number from 1"),
    "set_count": (_count(1, MAX_STEPS), "a whole number from 1"),
    "round": (_count(1, MAX_STEPS), "a whole number from 1"),
    "round_count": (_count(1, MAX_STEPS), "a whole number from 1"),
    "planned_seconds": (_or_none(_between(0, MAX_STEP_SECONDS)), f"{STEP_SECONDS}, or null"),
    "planned_reps": (_or_none(_count(0, MAX_REPS)), f"{REPS}, or null"),
    "planned_load": (_or_none(_is_text), f"{TEXT}, or null"),
    "actual_seconds": (_between(0, MAX_STEP_SECONDS), STEP_SECONDS),
    "reps": (_or_none(_count(0, MAX_REPS)), f"{REPS}, or null"),
    "load": (_or_none(_is_text), f"{TEXT}, or null"),
    "outcome": (_one_of(*Outcome), f"one of {', '.join(Outcome)}"),
    "finished_at": (_time, TIME),
}


BREAK_FIELDS: dict[str, tuple[Check, str]] = {
    "action": (_one_of(*BREAK_ACTIONS), f"one of {', '.join(BREAK_ACTIONS)}"),
    "at": (_time, TIME),
    "run_uid": (_or_none(_uid), "the uid of a run in the file, or null"),
}


def _day(value: object) -> bool:
    """A day written YYYY-MM-DD that has come (tomorrow has, somewhere: an export made in
    a zone ahead of this one), as `checkin --date` takes."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return False
    tomorrow = date.today() + timedelta(days=1)
    return day is not None and day.isoformat() == value and YEARS[0] <= day.year and day <= tomorrow


CHECKIN_FIELDS: dict[str, tuple[Check, str]] = {
    "day": (_day, f"a date (YYYY-MM-DD) from {YEARS[0]} to tomorrow"),
    "score": (_count(SCORES.start, SCORES.stop - 1), "a whole number from 0 to 10"),
    "note": (_or_none(_is_text), f"{TEXT}, or null"),
    "at": (_time, TIME),
}


def checked(item: object, spec: dict[str, tuple[Check, str]], where: str) -> dict[str, Any]:
    """The object `item` with every field of `spec` there and as it must be."""
    if not isinstance(item, dict):
        raise BadExport(f"{where}: expected an object")
    for key, (check, expected) in spec.items():
        if key not in item:
            raise BadExport(f"{where}: `{key}` is missing")
        if not check(item[key]):
            raise BadExport(f"{where}.{key}: expected {expected}")
    return item

"""The history back in: an export (see `export`) read and checked whole before anything
is imported, so a file that is not one of ours, or is bad anywhere, is refused with where
and why."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from workout_tui.core.log.entries import BreakEvent, RunSummary, StepRecord
from workout_tui.core.log.export import FORMAT_NAME, FORMAT_VERSION
from workout_tui.core.log.json_stream import (
    LIST,
    MAP,
    NotJSON,
    TooDeep,
    items,
    lone_surrogate,
    top_level,
)
from workout_tui.core.log.schema import BREAK_ACTIONS, STATUSES
from workout_tui.core.plan import MAX_STEPS, Outcome, StepKind
from workout_tui.core.printable import is_text, printable

MAX_IMPORT_BYTES = 512 * 1024 * 1024  # ten times a history of 10,000 runs
MAX_TEXT = 10_000  # characters in a name, a load or a side
# What a person can have done: no step lasts a day, no set has 10,000 reps. Past these a
# number is a mistake or an attack (Infinity, 1e308), and would break every screen it reached.
MAX_STEP_SECONDS = 24 * 60 * 60
MAX_RUN_SECONDS = MAX_STEPS * MAX_STEP_SECONDS
MAX_REPS = 10_000
Logged = tuple[RunSummary, list[StepRecord]]


MAX_DEPTH = 8  # a run nests 3 deep (run, steps, step): deeper is no export of ours


class ExportFile(NamedTuple):
    """An export file whose every field was checked; its runs and breaks are read again, one
    at a time, to import them."""

    path: Path
    version: int

    @property
    def has_breaks(self) -> bool:
        return self.version >= 2

    def runs_in(self) -> Iterator[Logged]:
        return _items(self.path, "runs", _run)

    def breaks_in(self) -> Iterator[BreakEvent]:
        return _items(self.path, "breaks", _break) if self.has_breaks else iter(())


class BadExport(ValueError):
    """A file `--import` cannot take, with where in it and why."""


def read_export(path: Path) -> ExportFile:
    """The export at `path` with every field checked before anything is written, read as a
    stream (memory stays flat whatever its size); its runs and breaks are read from it again
    as they are imported.

    Raises:
        BadExport: it cannot be read, is not our export, or a field is wrong (located).
    """
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise BadExport(f"{path} is over {MAX_IMPORT_BYTES // 2**20} MB; not an export of ours")
        if (at := lone_surrogate(path)) is not None:
            lone = "text that is not valid Unicode (a lone surrogate)"
            raise BadExport(f"{path}: {lone} at byte {at}")
        version = _envelope(path, *top_level(path, MAX_DEPTH))
        uids: set[str] = set()  # all a check keeps: memory stays flat
        for run, _ in _items(path, "runs", _run):
            if run.uid in uids:
                raise BadExport(f"{path}: the same run (uid) is in it twice")
            uids.add(run.uid)
        if version >= 2:
            for _ in _items(path, "breaks", _break, uids):
                pass  # each break is checked as it is read
    except OSError as error:
        raise BadExport(f"cannot read {path}: {error.strerror or error}") from None
    except NotJSON as error:
        raise BadExport(f"{path} is not JSON ({error})") from None
    except TooDeep as error:
        raise BadExport(f"{path}: {error}: nested deeper than an export is") from None
    return ExportFile(path, version)


def _items(path: Path, key: str, read: Callable[..., Any], *more: object) -> Iterator[Any]:
    """Each item of the list `key`, checked and read by `read`, with where it is in errors."""
    try:
        for index, item in enumerate(items(path, key)):
            yield read(item, f"{key}[{index}]", *more)
    except BadExport as error:
        raise BadExport(f"{path}: {error}") from None


def _envelope(path: Path, kind: str, top: dict[str, object]) -> int:
    """The version of a document that says it is our export, of a version we read, with its
    lists where they should be."""
    made_by = "made by `workout-tui history --export json`"
    if kind == LIST:
        raise BadExport(
            f"{path} is an export from an older workout-tui, whose runs have no ids to tell "
            "them apart; export it again with this version"
        )
    if kind != MAP or top.get("format") != FORMAT_NAME:
        raise BadExport(f"{path} is not a workout-tui history export ({made_by})")
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise BadExport(
            f"{path} is history format {printable(str(version))}; this workout-tui reads up to "
            f"{FORMAT_VERSION}. Upgrade workout-tui to import it"
        )
    for key in ("runs", "breaks") if version >= 2 else ("runs",):
        if top.get(key) != LIST:
            raise BadExport(f"{path}: `{key}` must be a list")
    return version


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


def _time(value: object) -> bool:
    """An ISO 8601 time with its UTC offset, as the export writes (a bare one would be read
    in this machine's zone, and export differently)."""
    try:
        return datetime.fromisoformat(value).utcoffset() is not None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _or_none(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _uid(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64 and value.isascii() and value.isalnum()


TIME = "a date and time with its UTC offset (ISO 8601)"
TEXT = f"text (valid Unicode, up to {MAX_TEXT:,} characters)"
STEP_SECONDS = f"a number of seconds up to a day ({MAX_STEP_SECONDS})"
RUN_SECONDS = f"a number of seconds up to {MAX_RUN_SECONDS}"
REPS = f"a whole number up to {MAX_REPS:,}"
_RUN_FIELDS: dict[str, tuple[Check, str]] = {
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
_STEP_FIELDS: dict[str, tuple[Check, str]] = {
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


_BREAK_FIELDS: dict[str, tuple[Check, str]] = {
    "action": (_one_of(*BREAK_ACTIONS), f"one of {', '.join(BREAK_ACTIONS)}"),
    "at": (_time, TIME),
    "run_uid": (_or_none(_uid), "the uid of a run in the file, or null"),
}


def _fields(item: object, spec: dict[str, tuple[Check, str]], where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BadExport(f"{where}: expected an object")
    for key, (check, expected) in spec.items():
        if key not in item:
            raise BadExport(f"{where}: `{key}` is missing")
        if not check(item[key]):
            raise BadExport(f"{where}.{key}: expected {expected}")
    return item


def _run(item: object, where: str) -> Logged:
    fields = _fields(item, _RUN_FIELDS, where)
    steps = [_step(step, f"{where}.steps[{n}]") for n, step in enumerate(fields["steps"])]
    if len({step.step_index for step in steps}) != len(steps):
        raise BadExport(f"{where}.steps: a step index is in it twice")
    steps.sort(key=lambda step: step.step_index)
    done = sum(1 for step in steps if step.is_work and step.outcome is Outcome.DONE)
    status = "interrupted" if fields["status"] == "running" else fields["status"]
    run = RunSummary(
        fields["id"],
        fields["uid"],
        fields["session"],
        fields["session_name"],
        fields["session_hash"],
        status,
        datetime.fromisoformat(fields["started_at"]),
        datetime.fromisoformat(fields["ended_at"]) if fields["ended_at"] else None,
        float(fields["speed"]),
        float(fields["active_seconds"]),
        float(fields["work_seconds"]),
        done,
        fields["sets_planned"],
    )
    return run, steps


def _step(item: object, where: str) -> StepRecord:
    fields = _fields(item, _STEP_FIELDS, where)
    planned = fields["planned_seconds"]
    return StepRecord(
        fields["index"],
        fields["kind"],
        fields["exercise"],
        fields["side"],
        fields["set"],
        fields["set_count"],
        fields["round"],
        fields["round_count"],
        None if planned is None else float(planned),
        fields["planned_reps"],
        fields["planned_load"],
        float(fields["actual_seconds"]),
        fields["reps"],
        fields["load"],
        Outcome(fields["outcome"]),
        datetime.fromisoformat(fields["finished_at"]),
    )


def _break(item: object, where: str, runs: set[str] | None = None) -> BreakEvent:
    fields = _fields(item, _BREAK_FIELDS, where)
    if runs is not None and fields["run_uid"] is not None and fields["run_uid"] not in runs:
        raise BadExport(f"{where}.run_uid: names no run in the file")
    return BreakEvent(fields["action"], datetime.fromisoformat(fields["at"]), fields["run_uid"])

"""The history back in: an export (see `export`) read and checked whole before anything
is imported, so a file that is not one of ours, or is bad anywhere, is refused with where
and why."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from workout_tui.core.log.entries import BreakEvent, CheckIn, RunSummary, StepRecord
from workout_tui.core.log.export import FORMAT_NAME, FORMAT_VERSION
from workout_tui.core.log.export_fields import (
    BREAK_FIELDS,
    CHECKIN_FIELDS,
    RUN_FIELDS,
    STEP_FIELDS,
    BadExport,
    checked,
)
from workout_tui.core.log.json_stream import (
    LIST,
    MAP,
    NotJSON,
    TooDeep,
    items,
    lone_surrogate,
    top_level,
)
from workout_tui.core.plan import Outcome
from workout_tui.core.printable import printable

MAX_IMPORT_BYTES = 512 * 1024 * 1024  # ten times a history of 10,000 runs
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

    @property
    def has_checkins(self) -> bool:
        return self.version >= 3

    def checkins_in(self) -> Iterator[CheckIn]:
        return _items(self.path, "checkins", _checkin) if self.has_checkins else iter(())


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
        for _ in _items(path, "checkins", _checkin) if version >= 3 else ():
            pass
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
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        said = printable(str(version))
        raise BadExport(f"{path}: `version` is a format number from 1, not {said}")
    if version > FORMAT_VERSION:
        raise BadExport(
            f"{path} is history format {printable(str(version))}; this workout-tui reads up to "
            f"{FORMAT_VERSION}. Upgrade workout-tui to import it"
        )
    for key in ("runs", "breaks", "checkins")[: min(version, 3)]:
        if top.get(key) != LIST:
            raise BadExport(f"{path}: `{key}` must be a list")
    return version


def _run(item: object, where: str) -> Logged:
    fields = checked(item, RUN_FIELDS, where)
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
    fields = checked(item, STEP_FIELDS, where)
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
    fields = checked(item, BREAK_FIELDS, where)
    if runs is not None and fields["run_uid"] is not None and fields["run_uid"] not in runs:
        raise BadExport(f"{where}.run_uid: names no run in the file")
    return BreakEvent(fields["action"], datetime.fromisoformat(fields["at"]), fields["run_uid"])


def _checkin(item: object, where: str) -> CheckIn:
    fields = checked(item, CHECKIN_FIELDS, where)
    day, at = date.fromisoformat(fields["day"]), datetime.fromisoformat(fields["at"])
    return CheckIn(day, fields["score"], at, fields["note"])

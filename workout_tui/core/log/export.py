"""The history out: JSON (every run with its steps, and the breaks: the document `history
--import` reads, see `importing`) and CSV (one row per step, for a spreadsheet)."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from workout_tui.core.log.entries import BreakEvent, CheckIn, RunSummary, StepRecord
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.printable import json_text, printable

FORMATS = ("json", "csv")
FORMAT_NAME = "workout-tui history"
FORMAT_VERSION = 3  # 3 added the check-ins, 2 the breaks; 1 (runs only) is still read
# One row per step: its run's columns, then its own.
CSV_HEADER = (
    "run_id,run_uid,session,session_name,status,started_at,ended_at,speed,run_seconds,"
    "run_work_seconds,sets_planned,step_index,kind,exercise,side,set,round,planned_seconds,"
    "planned_reps,planned_load,actual_seconds,reps,load,outcome"
)
CSV_COLUMNS = tuple(CSV_HEADER.split(","))

# Written a piece at a time: when a reader (`| head`) goes away in the middle of one big
# write, CPython drops the broken pipe it met there, and the command would seem to have
# written it all; the next piece's write raises it.
PIECE = 64 * 1024


def export_history(store: HistoryStore | None, kind: str, out: TextIO) -> int:
    """Write every run to `out` as `kind` ("json" or "csv"); returns how many runs.
    No store (nothing recorded yet) writes an empty export."""
    runs = list(store.all_runs()) if store is not None else []
    if kind == "json":
        breaks = store.all_breaks() if store is not None else []
        checkins = store.checkins() if store is not None else []
        document = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "runs": [_run_json(run, steps) for run, steps in runs],
            "breaks": [_break_json(event) for event in breaks],
            "checkins": [_checkin_json(checkin) for checkin in checkins],
        }
        text = json_text(document) + "\n"
        for start in range(0, len(text), PIECE):  # see PIECE
            out.write(text[start : start + PIECE])
    else:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(run, step) for run, steps in runs for step in steps)
    return len(runs)


def _csv_row(run: RunSummary, step: StepRecord) -> tuple[object, ...]:
    return (
        run.id,
        run.uid,
        _cell(run.session),
        _cell(run.session_name),
        run.status,
        run.started_at.isoformat(),
        run.ended_at.isoformat() if run.ended_at else "",
        run.speed,
        _number(run.active_seconds),
        _number(run.work_seconds),
        run.planned_work_steps,
        step.step_index,
        step.kind,
        _cell(step.exercise),
        _cell(step.side),
        step.set_number,
        step.round_number,
        _number(step.planned_seconds),
        _optional(step.planned_reps),
        _cell(step.planned_load),
        _number(step.actual_seconds),
        _optional(step.reps),
        _cell(step.load),
        step.outcome.value,
    )


def _run_json(run: RunSummary, steps: list[StepRecord]) -> dict[str, Any]:
    return {
        "id": run.id,
        "uid": run.uid,
        "session": run.session,
        "session_name": run.session_name,
        "session_hash": run.session_hash,
        "status": run.status,
        "started_at": run.started_at.isoformat(),
        "ended_at": run.ended_at.isoformat() if run.ended_at else None,
        "speed": run.speed,
        "active_seconds": round(run.active_seconds, 3),
        "work_seconds": round(run.work_seconds, 3),
        "sets_planned": run.planned_work_steps,
        "sets_done": run.done_work_steps,
        "completion": round(run.completion, 3),
        "steps": [_step_json(step) for step in steps],
    }


def _step_json(step: StepRecord) -> dict[str, Any]:
    return {
        "index": step.step_index,
        "kind": step.kind,
        "exercise": step.exercise,
        "side": step.side,
        "set": step.set_number,
        "set_count": step.set_count,
        "round": step.round_number,
        "round_count": step.round_count,
        "planned_seconds": step.planned_seconds,
        "planned_reps": step.planned_reps,
        "planned_load": step.planned_load,
        "actual_seconds": round(step.actual_seconds, 3),
        "reps": step.reps,
        "load": step.load,
        "outcome": step.outcome.value,
        "finished_at": step.finished_at.isoformat(),
    }


def _break_json(event: BreakEvent) -> dict[str, Any]:
    return {"action": event.action, "at": event.at.isoformat(), "run_uid": event.run_uid}


def _checkin_json(checkin: CheckIn) -> dict[str, Any]:
    day, at = checkin.day.isoformat(), checkin.at.isoformat()
    return {"day": day, "score": checkin.score, "note": checkin.note, "at": at}


def _cell(text: str | None) -> str:
    """User text for a spreadsheet: a cell that would start a formula gets a leading `'`
    (OWASP's advice on CSV injection), and control characters become placeholders."""
    text = text or ""
    if text.startswith(("=", "+", "-", "@", "\t", "\r")):
        text = "'" + text
    return printable(text)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}" if value == int(value) else f"{value:.3f}"


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


# -- import ---------------------------------------------------------------------------------

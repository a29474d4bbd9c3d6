"""Export the history as JSON (a list of runs with their steps) or CSV (one row per step)."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from workout_tui.core.history import HistoryStore, RunSummary, StepRecord
from workout_tui.core.printable import json_text, printable

FORMATS = ("json", "csv")
CSV_COLUMNS = (
    "run_id", "session", "session_name", "status", "started_at", "ended_at", "speed",
    "step_index", "kind", "exercise", "side", "set", "round", "planned_seconds",
    "actual_seconds", "reps", "load", "skipped",
)  # fmt: skip


def export_history(store: HistoryStore | None, kind: str, out: TextIO) -> int:
    """Write every run to `out` as `kind` ("json" or "csv"); returns how many runs.
    No store (nothing recorded yet) writes an empty export."""
    runs = list(store.all_runs()) if store is not None else []
    if kind == "json":
        out.write(json_text([_run_json(run, steps) for run, steps in runs]) + "\n")
    else:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for run, steps in runs:
            for step in steps:
                writer.writerow(
                    (run.id, _cell(run.session), _cell(run.session_name), run.status,
                     run.started_at.isoformat(),
                     run.ended_at.isoformat() if run.ended_at else "", run.speed, step.step_index,
                     step.kind, _cell(step.exercise), step.side or "", step.set_number,
                     step.round_number, _number(step.planned_seconds), _number(step.actual_seconds),
                     "" if step.reps is None else step.reps, _cell(step.load), int(step.skipped))
                )  # fmt: skip
    return len(runs)


def _run_json(run: RunSummary, steps: list[StepRecord]) -> dict[str, Any]:
    return {
        "id": run.id,
        "session": run.session,
        "session_name": run.session_name,
        "session_hash": run.session_hash,
        "status": run.status,
        "started_at": run.started_at.isoformat(),
        "ended_at": run.ended_at.isoformat() if run.ended_at else None,
        "speed": run.speed,
        "active_seconds": round(run.active_seconds, 3),
        "work_seconds": round(run.work_seconds, 3),
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
        "actual_seconds": round(step.actual_seconds, 3),
        "reps": step.reps,
        "load": step.load,
        "skipped": step.skipped,
        "finished_at": step.finished_at.isoformat(),
    }


def _cell(text: str | None) -> str:
    """User text for a spreadsheet: a cell that would start a formula gets a leading `'`
    (OWASP's advice on CSV injection), and control characters become placeholders."""
    text = text or ""
    if text.startswith(("=", "+", "-", "@", "\t", "\r")):
        text = "'" + text
    return printable(text)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}" if value == int(value) else f"{value:.3f}"

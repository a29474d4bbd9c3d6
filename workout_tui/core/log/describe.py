"""The log in words: one way to state a step, what was planned, what was done, and a
run's totals, shared by the summary, the history and the command line."""

from __future__ import annotations

from collections.abc import Sequence

from workout_tui.core.durations import format_clock, format_span
from workout_tui.core.log.entries import StepRecord, Totals
from workout_tui.core.plan import Outcome

STEP_NAMES = {"prepare": "Get ready", "rest": "Rest", "switch": "Switch sides"}


def step_label(entry: StepRecord) -> str:
    """How a logged step reads: `Goblet squat · set 2/3 · left`."""
    parts = [entry.exercise or STEP_NAMES.get(entry.kind, entry.kind)]
    if entry.round_count > 1:
        parts.append(f"round {entry.round_number}/{entry.round_count}")
    if entry.set_count > 1:
        parts.append(f"set {entry.set_number}/{entry.set_count}")
    if entry.side:
        parts.append(entry.side)
    return " · ".join(parts)


def with_load(amount: str, load: str | None) -> str:
    return f"{amount} @ {load}" if load else amount


def planned_text(entry: StepRecord) -> str:
    """What the plan asked: `0:45`, `10 reps @ 12 kg`; `-` where older logs did not say."""
    if entry.planned_seconds is not None:
        return with_load(format_clock(entry.planned_seconds), entry.planned_load)
    if entry.planned_reps is not None:
        return with_load(f"{entry.planned_reps} reps", entry.planned_load)
    return "-"


def result_text(entry: StepRecord) -> str:
    """What was done: `12 reps @ 14 kg`, `0:45`, `skipped`, `partial, 0:20`."""
    seconds = format_clock(entry.actual_seconds, round_up=False)
    if entry.outcome is not Outcome.DONE:
        return f"{entry.outcome.value}, {seconds}"
    if entry.reps is not None:
        return with_load(f"{entry.reps} reps", entry.load)
    return with_load(seconds, entry.load)


def totals_rows(totals: Totals) -> list[tuple[str, str]]:
    """A run's figures as (label, value) rows, the same wherever a run is shown."""
    rows = [
        ("Total time", format_clock(totals.active_seconds, round_up=False)),
        ("Work time", format_clock(totals.work_seconds, round_up=False)),
        ("Sets done", f"{totals.done} of {totals.planned}"),
        ("Skipped", str(totals.skipped)),
    ]
    if totals.partial:
        rows.append(("Partial", str(totals.partial)))
    return rows


def totals_line(totals: Totals) -> str:
    """A run's figures in one line: `5:25 in all · 1:40 working · 4 of 13 sets done · 1 skipped`."""
    parts = [
        f"{format_clock(totals.active_seconds, round_up=False)} in all",
        f"{format_clock(totals.work_seconds, round_up=False)} working",
        f"{totals.done} of {totals.planned} sets done",
    ]
    counts = ((totals.skipped, "skipped"), (totals.partial, "partial"))
    parts += [f"{n} {word}" for n, word in counts if n]
    return " · ".join(parts)


def describe_sets(sets: Sequence[StepRecord]) -> str:
    """Sets as a person writes them: `3 × 10 @ 12 kg`, `10, 8 reps`, `2 × 45s`, and each
    set's load when they differ: `10 @ 12 kg, 8 @ 14 kg`."""
    timed = any(s.reps is None for s in sets)
    amounts = [format_span(s.actual_seconds) if timed else str(s.reps) for s in sets]
    loads = {s.load for s in sets}
    if len(loads) > 1:
        return ", ".join(with_load(a, s.load) for a, s in zip(amounts, sets, strict=True))
    unit = "" if timed or (len(set(amounts)) == 1 and len(sets) > 1) else " reps"
    same = len(set(amounts)) == 1 and len(sets) > 1
    text = f"{len(sets)} × {amounts[0]}{unit}" if same else ", ".join(amounts) + unit
    return with_load(text, loads.pop())

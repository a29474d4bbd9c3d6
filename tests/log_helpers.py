"""Log entries for tests that fill a history by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import cast

from workout_tui.core.log.entries import StepRecord
from workout_tui.core.plan import Outcome, Step
from workout_tui.core.record import logged_step

UNSET = object()
WHEN = datetime(2026, 11, 23, 18, 0).astimezone()


def entry(
    step: Step,
    seconds: float,
    outcome: Outcome = Outcome.DONE,
    reps: int | None | object = UNSET,
    load: str | None | object = UNSET,
) -> StepRecord:
    """The entry the player logs for `step`, with reps and load changed if given."""
    logged = logged_step(step, outcome, seconds, WHEN)
    if reps is not UNSET:
        logged = replace(logged, reps=cast(int | None, reps))
    if load is not UNSET:
        logged = replace(logged, load=cast(str | None, load))
    return logged

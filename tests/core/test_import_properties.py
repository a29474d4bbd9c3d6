"""Whatever a file holds, `--import` refuses it with a located error or takes it; and what it
takes exports, imports again identically, and reads back through every view of the log
(the detail's words, totals, records, progress, stats and the CSV export) without an error.

Each example is a real export with one field, or a few, swapped for what an attacker or bad
luck would put there: Infinity, NaN, 1e308, 10**400, lone surrogates, deep and huge lists."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_history import run_through
from tests.log_helpers import entry
from workout_tui.core.insight import insight
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.describe import planned_text, result_text, step_label, totals_rows
from workout_tui.core.log.entries import CheckIn, count_outcomes
from workout_tui.core.log.export import export_history
from workout_tui.core.log.export_fields import BadExport
from workout_tui.core.log.importing import read_export
from workout_tui.core.log.records import best, by_exercise, headline, measure
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.plan import Outcome

PLAN = load_plan_text(
    "name: Mixed\nexercises:\n"
    "  - {name: Goblet squat, sets: 2, reps: 8, load: 12 kg}\n"
    "  - {name: Couch stretch, hold: 20s, sides: [left, right]}\n"
)


@cache
def good_export(folder: Path) -> str:
    """A real export of three runs (completed, stopped with a partial step, a preview) and
    two breaks (one taken, with the run it started), and two check-ins of one day."""
    store = HistoryStore(folder / "seed.sqlite3")
    run_through(store)
    stopped = run_through(store, upto=3, status="stopped")
    assert PLAN.steps
    store.record_step(stopped, entry(PLAN.steps[1], 4.5, Outcome.PARTIAL))
    taken = run_through(store, speed=20)
    store.record_break("taken", store.now(), taken)
    store.record_break("snoozed", store.now())
    store.record_checkin(CheckIn(store.now().date(), 6, store.now(), "[b]stiff\x1b]0;x\x07"))
    store.record_checkin(CheckIn(store.now().date(), 4, store.now() + timedelta(hours=1)))
    out = io.StringIO()
    export_history(store, "json", out)
    store.close()
    return out.getvalue()


FIELDS = [
    "id",
    "uid",
    "session",
    "session_name",
    "session_hash",
    "status",
    "started_at",
    "ended_at",
    "speed",
    "active_seconds",
    "work_seconds",
    "sets_planned",
    "steps",
]
STEP_FIELDS = [
    "index",
    "kind",
    "exercise",
    "side",
    "set",
    "set_count",
    "round",
    "round_count",
    "planned_seconds",
    "planned_reps",
    "planned_load",
    "actual_seconds",
    "reps",
    "load",
    "outcome",
    "finished_at",
]
hostile_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 10**400, -(10**400), 86_400, 86_400.5, 10_000, 10_001, -1]),
    st.integers(),
)
hostile_text = st.one_of(
    st.text(st.characters(codec=None, categories=["Cs", "Cc", "Lo", "So"]), max_size=20),
    st.sampled_from(["\ud800", "a\udfffb", "[/]", "[b]x", "\x1b]0;x\x07", "x" * 10_001]),
)
deep_lists = st.recursive(st.none(), lambda inner: st.lists(inner, max_size=2), max_leaves=60)
hostile = st.one_of(
    hostile_numbers,
    hostile_text,
    st.none(),
    st.booleans(),
    deep_lists,
    st.just([0] * 50_000),
    st.just({"runs": []}),
)
BREAK_FIELDS = ["action", "at", "run_uid"]
CHECKIN_FIELDS = ["day", "score", "note", "at"]
swaps = st.lists(
    st.one_of(
        st.tuples(
            st.integers(0, 2),  # the run
            st.one_of(st.none(), st.integers(0, 20)),  # a step of it, or the run itself
            st.sampled_from(STEP_FIELDS + FIELDS),
            hostile,
        ),
        st.tuples(st.just(-1), st.integers(0, 1), st.sampled_from(BREAK_FIELDS), hostile),
        st.tuples(st.just(-2), st.integers(0, 1), st.sampled_from(CHECKIN_FIELDS), hostile),
    ),
    min_size=1,
    max_size=3,
)


def swapped(document: dict[str, Any], changes: list[tuple[int, int | None, str, Any]]) -> str:
    for run, step, key, value in changes:
        if run < 0:  # a break, or a check-in
            document["breaks" if run == -1 else "checkins"][step][key] = value
            continue
        item = document["runs"][run]
        if step is not None:
            steps = item["steps"]
            if not (isinstance(steps, list) and steps and isinstance(steps[0], dict)):
                continue  # an earlier swap took the steps away
            item = steps[step % len(steps)]
        item[key] = value
    return json.dumps(document)  # Infinity and NaN as the bare words json writes


def import_and_export(path: Path, store_path: Path) -> str:
    """Import the file at `path` into a new history and export that history as JSON."""
    store = HistoryStore(store_path)
    export = read_export(path)
    store.import_runs(export.runs_in(), export.breaks_in(), export.checkins_in())
    out = io.StringIO()
    export_history(store, "json", out)
    read_back_every_way(store)
    store.close()
    return out.getvalue()


def read_back_every_way(store: HistoryStore) -> None:
    """What the screens and the CLI make of the log, each of which must not raise."""
    for run, steps in store.all_runs():
        totals = count_outcomes(steps, run.active_seconds, run.work_seconds, run.planned_work_steps)
        totals_rows(totals)
        for step in steps:
            step_label(step), planned_text(step), result_text(step)
    sessions = by_exercise(store.done_sets())
    for exercise in sessions.values():
        headline(best(exercise)), measure(exercise)
    store.stats(), store.active_days(), store.runs(limit=10)
    scores, hips = store.scores(), store.minutes_of({"mixed"})
    insight(scores, hips, max([*scores, *hips], default=date(2026, 1, 1))).verdict()
    export_history(store, "csv", io.StringIO())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=swaps)
def test_an_import_is_refused_with_its_place_or_taken_whole_and_read_back_the_same(
    tmp_path_factory: Any, changes: list[tuple[int, int | None, str, Any]]
) -> None:
    folder = tmp_path_factory.getbasetemp()
    document = json.loads(good_export(folder))
    path = folder / f"{uuid.uuid4().hex}.json"
    path.write_text(swapped(document, changes))
    try:
        first = import_and_export(path, folder / f"{uuid.uuid4().hex}.sqlite3")
    except BadExport as error:
        said = str(error)  # Infinity, NaN and whole numbers past 64 bits are not JSON to ijson
        assert said.startswith(
            (
                f"{path}: runs[",
                f"{path}: breaks[",
                f"{path}: checkins[",
                f"{path} is not JSON (",
                f"{path}: text that is not valid Unicode",
            )
        ) or ("the same run" in said), said
        return
    again = folder / f"{uuid.uuid4().hex}.json"
    again.write_text(first)
    assert import_and_export(again, folder / f"{uuid.uuid4().hex}.sqlite3") == first

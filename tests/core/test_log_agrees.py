"""The log agrees with itself: for any way a person goes through a run (skipping, going
back, pausing, stopping, a kill -9 and a resume), the summary's record, the history's
detail and both exports give every step the same outcome and the run the same totals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.entries import Totals, count_outcomes
from workout_tui.core.log.export import export_history
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.run import Run

PLAN = load_plan_text(
    "name: Mixed\ndefaults: {prepare: 5s, rest: 10s}\nexercises:\n"
    "  - {name: Goblet squat, sets: 2, reps: 8, load: 12 kg}\n"
    "  - {name: Couch stretch, hold: 20s, sides: [left, right]}\n"
    "  - {name: Swing, sets: 2, reps: 15, load: 16 kg, rest_between_sets: 30s}\n"
)
DEAD_PID = 2**22 + 1  # above Linux's largest pid: no process has it
SESSION = "mixed"

actions = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.sampled_from([0.5, 1, 3, 7, 12, 25])),
        st.sampled_from(["skip", "back", "pause", "resume", "done", "stop", "kill"]).map(
            lambda name: (name, 0)
        ),
        st.tuples(st.just("relog"), st.integers(min_value=0, max_value=30)),
    ),
    max_size=40,
)


def kill_and_resume(store: HistoryStore, run: Run, clock: FakeClock) -> Run:
    """What kill -9 leaves (the run's process gone, its record with it), and the resume the
    next start offers (what its journal had written by then is on disk)."""
    assert run.journal.flush()
    run.journal.close()
    store.db.execute("UPDATE runs SET pid = ? WHERE id = ?", (DEAD_PID, run.journal.run_id))
    store.mark_interrupted()
    found = store.interrupted_run(SESSION)
    assert found is not None
    interrupted, step = found
    resumed = Run(PLAN, clock, store)
    resumed.take(resumed.resume(interrupted, step, lead_in=3))
    return resumed


def act(run: Run, name: str, amount: float, clock: FakeClock) -> None:
    engine = run.engine
    if name == "wait":
        clock.advance(amount)
        run.take(engine.poll())
    elif name == "relog":
        last = run.record.last_logged_set()
        if last is not None:
            run.relog(last, int(amount), f"{amount} kg")
    else:
        run.take(getattr(engine, name)())


def play(store: HistoryStore, script: list[tuple[str, float]]) -> Run:
    """Go through the run as the script says; the app's closing stops what is left."""
    clock = FakeClock()
    run = Run(PLAN, clock, store)
    run.take(run.start(SESSION, "abc123", 1))
    for name, amount in script:
        if run.record.completed is not None:
            break
        if name == "kill":
            run = kill_and_resume(store, run, clock)
        else:
            act(run, name, amount, clock)
    run.stop()
    assert run.journal.flush()  # as the app's end waits for it
    return run


def rounded(totals: Totals) -> tuple[float, ...]:
    return (
        round(totals.active_seconds, 3),
        round(totals.work_seconds, 3),
        totals.done,
        totals.skipped,
        totals.partial,
        totals.planned,
    )


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=actions)
def test_summary_history_and_exports_agree_on_every_step(
    tmp_path: Path, script: list[tuple[str, float]]
) -> None:
    path = tmp_path / "history.sqlite3"
    path.unlink(missing_ok=True)
    store = HistoryStore(path)
    try:
        run = play(store, script)
        summary = [(e.step_index, e.outcome.value, e.reps, e.load) for e in run.record.logged]
        totals = rounded(run.record.totals())

        (stored,) = store.runs()
        steps = store.steps(stored.id)
        assert [(s.step_index, s.outcome.value, s.reps, s.load) for s in steps] == summary
        detail = count_outcomes(
            steps, stored.active_seconds, stored.work_seconds, stored.planned_work_steps
        )
        assert rounded(detail) == totals
        assert stored.done_work_steps == totals[2]

        out = io.StringIO()
        export_history(store, "json", out)
        (exported,) = json.loads(out.getvalue())["runs"]
        assert [
            (s["index"], s["outcome"], s["reps"], s["load"]) for s in exported["steps"]
        ] == summary
        assert (exported["active_seconds"], exported["work_seconds"]) == totals[:2]
        assert (exported["sets_done"], exported["sets_planned"]) == (totals[2], totals[5])

        out = io.StringIO()
        export_history(store, "csv", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [
            (
                int(r["step_index"]),
                r["outcome"],
                int(r["reps"]) if r["reps"] else None,
                r["load"] or None,
            )
            for r in rows
        ] == summary
        for row in rows:
            assert (float(row["run_seconds"]), float(row["run_work_seconds"])) == totals[:2]
    finally:
        store.close()

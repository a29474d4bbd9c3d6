"""A run keeps its engine, record and journal in step, without Textual."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FakeClock
from tests.core.test_history import PLAN, run_through
from workout_tui.core.config import Config
from workout_tui.core.cues import CueKind
from workout_tui.core.engine import CueDue
from workout_tui.core.library import plan_for
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.run import Run


def test_each_finished_step_is_journaled_and_the_end_closes_the_run(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    run_through(store)  # an earlier run: what "last:" reads
    run = Run(PLAN, clock, store)
    run.take(run.start("strength", "abc123", 1))
    assert run.last_time(PLAN.steps[1]) == "last: 2 × 10 @ 12 kg"
    clock.advance(5)
    run.take(run.engine.poll())  # the get-ready ended
    run.take(run.engine.done())  # the first set
    outcome = run.record.last_logged_set()
    assert outcome is not None
    run.relog(outcome, 8, "14 kg")
    assert run.take(run.engine.stop()) is True
    assert run.journal.flush()  # written on the journal's thread
    (latest, _) = store.runs()
    assert latest.status == "stopped"
    steps = store.steps(latest.id)
    assert [(s.step_index, s.reps, s.load) for s in steps] == [(0, None, None), (1, 8, "14 kg")]
    store.close()


def test_a_resumed_run_counts_in_before_the_step_it_stopped_in(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    run_id = run_through(store, upto=3, status="interrupted")
    run = Run(PLAN, clock, store)
    interrupted = store.run(run_id)
    assert interrupted is not None
    heard = [e for e in run.resume(interrupted, 3, lead_in=3) if isinstance(e, CueDue)]
    for _ in range(6):
        clock.advance(0.5)
        heard += [e for e in run.engine.poll() if isinstance(e, CueDue)]
    assert [(e.cue.kind, e.cue.count) for e in heard] == [
        (CueKind.COUNTDOWN, 3),
        (CueKind.COUNTDOWN, 2),
        (CueKind.COUNTDOWN, 1),
        (CueKind.GO, 0),
    ]  # not the step's own go as well
    assert run.journal.flush()
    assert run.engine.index == 3 and store.run(run_id).status == "running"  # type: ignore[union-attr]
    store.close()


def test_the_configs_rest_applies_and_one_too_big_is_refused_with_a_reason() -> None:
    plan, problem = plan_for(PLAN, Config(rest=45))
    assert problem == "" and [s.seconds for s in plan.steps if s.kind == "rest"][0] == 45
    same, problem = plan_for(PLAN, Config(rest=4 * 3600))
    assert same is PLAN and "do not fit this routine" in problem

"""Two processes saving runs at once: every run lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from workout_tui.core.log.history import HistoryStore

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workout_tui.core.log.history import HistoryStore
    from workout_tui.core.loader import load_plan_text
    from tests.log_helpers import entry
    plan = load_plan_text("name: W\\nexercises: [{name: Squat, reps: 5, sets: 3, rest: 5s}]\\n")
    store = HistoryStore(Path(sys.argv[1]))
    for _ in range(200):
        run = store.start_run(plan, sys.argv[2], "x", 1)
        for step in plan.steps:
            store.record_step(run, entry(step, 10.0, reps=5))
        store.finish_run(run, "completed")
    print("ok")
    """
)


def test_two_processes_writing_200_runs_each_all_land(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()  # created once; both writers open it as it is
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for name in ("first", "second")
    ]
    results = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    store = HistoryStore(path)
    assert store.count_runs() == 400
    assert store.count_runs("first") == store.count_runs("second") == 200
    assert {r.status for r in store.runs(limit=400)} == {"completed"}
    steps = store.db.execute("SELECT COUNT(*) FROM steps").fetchone()[0]
    assert steps == 400 * 6  # get ready, three sets and two rests a run
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

"""Files that are not ours, or not writable now: the history is refused or kept, never lost."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.cli.test_import import export
from tests.core.test_history import run_through
from tests.hostile.conftest import fill
from workout_tui.core.log.opening import _keep_aside, open_history
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore


def digest(folder: Path) -> dict[str, str]:
    """Every file in `folder` by name, with a hash of its bytes; SQLite's own WAL and
    shared-memory files, which a reader may create empty, are left out."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if not p.name.endswith("-shm") and not (p.name.endswith("-wal") and not p.stat().st_size)
    }


def history_with_runs(folder: Path, runs: int = 3) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(folder / FILE_NAME)
    for _ in range(runs):
        run_through(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def test_a_history_from_a_newer_version_is_refused_untouched(home: Path) -> None:
    data = home / "data"
    history_with_runs(data)
    db = sqlite3.connect(data / FILE_NAME)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = digest(data)
    store, (notice,) = open_history(data)
    assert store is None and "newer workout-tui" in notice and "Upgrade" in notice
    result = cli(home, "history", "--export", "json")
    assert result.returncode == 1 and "newer workout-tui" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(data) == before


def test_a_sqlite_file_of_another_app_is_not_adopted(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('mine')")
    db.commit()
    db.close()
    before = digest(tmp_path)
    store, (notice,) = open_history(tmp_path)
    assert store is None and "not a workout-tui history" in notice
    assert digest(tmp_path) == before


def test_a_fifo_at_the_history_path_is_refused_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / FILE_NAME)
    result: list[tuple[HistoryStore | None, list[str]]] = []
    opener = threading.Thread(target=lambda: result.append(open_history(tmp_path)), daemon=True)
    opener.start()
    opener.join(5)
    assert result, "opening the history hung on a FIFO"
    store, (notice,) = result[0]
    assert store is None and "not a regular file" in notice


def test_an_export_into_the_data_dir_is_refused(home: Path) -> None:
    data = home / "data"
    history_with_runs(data)
    before = digest(data)
    for target in (data / FILE_NAME, data / "runs.csv", data / ".." / "data" / "x.json"):
        result = cli(home, "history", "--export", "csv", "-o", str(target))
        assert result.returncode == 2 and "into the data dir" in result.stderr, result.stderr
    assert digest(data) == before


def test_an_export_creates_no_history_and_marks_nothing(home: Path) -> None:
    result = cli(home, "history", "--export", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["runs"] == []
    assert not (home / "data").exists()

    data = home / "data"
    history_with_runs(data, runs=1)
    store = HistoryStore(data / FILE_NAME)
    store.db.execute("UPDATE runs SET status = 'running', pid = 999999999")  # a dead process
    store.close()
    result = cli(home, "history", "--export", "json")
    assert '"status": "interrupted"' in result.stdout  # as the next start will call it
    db = sqlite3.connect(data / FILE_NAME)
    assert db.execute("SELECT status FROM runs").fetchall() == [("running",)]  # not written
    db.close()


def test_damaged_files_kept_in_the_same_second_never_overwrite_each_other(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE_NAME
    now = datetime(2026, 11, 25, 7, 0, 0)
    kept = []
    for content in (b"first junk", b"second junk", b"third junk"):
        path.write_bytes(content)
        kept.append(_keep_aside(path, now))
    assert len(set(kept)) == 3
    assert [p.read_bytes() for p in kept] == [b"first junk", b"second junk", b"third junk"]


def test_a_full_disk_sets_no_file_aside_and_keeps_every_run(tiny_disk: Path) -> None:
    data = tiny_disk / "data"
    history_with_runs(data, runs=5)
    store = HistoryStore(data / FILE_NAME)
    run_through(store, status=None)  # a run that was going when its process died
    store.db.execute("UPDATE runs SET pid = 999999999 WHERE status = 'running'")
    filler = fill(tiny_disk)
    with pytest.raises(sqlite3.Error, match="full"):
        for _ in range(200):  # until a write meets the full disk
            run_through(store)
    store.close()  # its WAL is folded in and removed, which frees some space: fill it too
    more = fill(tiny_disk, "more")
    # Opening must mark the dead run interrupted: a write, on a full disk.
    for _ in range(2):  # twice in the same second: nothing is ever overwritten either
        reopened, (notice,) = open_history(data)
        assert reopened is None and "full" in notice, notice
    assert not list(data.glob("*.damaged-*"))
    filler.unlink()
    more.unlink()
    reopened, notices = open_history(data)
    assert reopened is not None and notices == []
    assert reopened.count_runs() >= 6
    assert [r.status for r in reopened.runs(limit=100)].count("interrupted") == 1
    assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_a_full_disk_imports_nothing_and_says_so(tiny_disk: Path, home: Path) -> None:
    history_with_runs(home / "big", runs=120)
    big = home / "big.json"
    export(home, home / "big", big)
    data = tiny_disk / "data"
    store = HistoryStore(data / FILE_NAME)
    run_through(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    filler = fill(tiny_disk)
    os.truncate(filler, filler.stat().st_size - 200_000)  # room for some runs, not all
    result = cli(home, "--data-dir", str(data), "history", "--import", str(big))
    assert result.returncode == 1 and "nothing was imported" in result.stderr, result.stderr
    assert "full" in result.stderr and "Traceback" not in result.stderr
    filler.unlink()
    store = HistoryStore(data / FILE_NAME)
    assert store.count_runs() == 1
    store.close()

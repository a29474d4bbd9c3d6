"""The workspace: what the CLI and the app share, read once, and the history opened,
told about and closed in one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from workout_tui.core.config import Config
from workout_tui.core.library import load_routine
from workout_tui.core.log.opening import open_history
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.workspace import HistoryOff, NoSuchFolder, Workspace

PLANK = "name: Plank\nexercises: [{name: Plank, hold: 30s}, {name: Dead bug, hold: 30s}]\n"


@pytest.fixture(autouse=True)
def _own_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The person's config and cache dirs, in the test's folder (of_user reads them)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_a_sessions_dir_that_is_not_there_is_refused_when_routines_are_read(tmp_path: Path) -> None:
    workspace = Workspace.of_user([tmp_path / "nowhere"], tmp_path)
    with workspace.history(print, read_only=True) as store:  # what needs no routine runs
        assert store is None
    with pytest.raises(NoSuchFolder, match="--sessions-dir .*nowhere: no such folder"):
        workspace.routines()


def test_the_routines_are_read_once_until_read_again(tmp_path: Path) -> None:
    (tmp_path / "plank.yaml").write_text(PLANK)
    workspace = Workspace([(tmp_path, "user")])
    first = workspace.routines()
    (tmp_path / "side-plank.yaml").write_text(PLANK.replace("Plank", "Side plank", 1))
    assert workspace.routines() is first and [r.slug for r in first] == ["plank"]
    assert [r.slug for r in workspace.rescan()] == ["plank", "side-plank"]
    assert [r.slug for r in workspace.routines()] == ["plank", "side-plank"]


def test_pictures_are_asked_for_only_where_a_routine_in_reach_has_one(tmp_path: Path) -> None:
    """The launch asks the terminal what it draws only then: start-up is as it was without."""
    (tmp_path / "plank.yaml").write_text(PLANK)
    workspace = Workspace([(tmp_path, "user")])
    assert not workspace.has_pictures()
    other = tmp_path / "other"
    other.mkdir()
    (other / "squat.yaml").write_text(PLANK.replace("hold: 30s}", "hold: 30s, image: x.png}", 1))
    assert workspace.has_pictures(load_routine(other / "squat.yaml"))  # a file run by path
    (tmp_path / "squat.yaml").write_text((other / "squat.yaml").read_text())
    assert workspace.has_pictures() is False  # read once, as the rest
    assert Workspace([(tmp_path, "user")]).has_pictures()


def test_the_config_and_its_problems_are_read_once(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("rest = 45\ntheme = 3\n")
    workspace = Workspace(config_path=path)
    assert workspace.config.rest == 45
    assert [p.split(": ", 1)[0] for p in workspace.problems] == [f"{path}:2"]
    path.write_text("rest = 90\n")
    assert workspace.config.rest == 45  # one launch, one reading


def test_a_history_is_closed_after_its_block_and_what_opening_found_is_told(
    tmp_path: Path,
) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"not a database, and long enough to be read" * 10)
    told: list[str] = []
    with Workspace(data_dir=tmp_path).history(told.append) as store:
        assert store is not None and store.count_runs() == 0
    assert len(told) == 1 and "damaged" in told[0]  # kept aside, a new one started
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        store.count_runs()


def test_a_history_that_cannot_be_opened_ends_only_a_command_that_needs_it(
    tmp_path: Path,
) -> None:
    (tmp_path / FILE_NAME).mkdir()  # a folder where the file should be
    told: list[str] = []
    with Workspace(data_dir=tmp_path).history(told.append, read_only=True) as store:
        assert store is None
    with (
        pytest.raises(HistoryOff),
        Workspace(data_dir=tmp_path).history(told.append, read_only=True, needed=True),
    ):
        pass
    assert len(told) == 2 and all("not a regular file" in t for t in told)


def test_the_app_history_is_opened_once_and_closed_only_if_the_workspace_opened_it(
    tmp_path: Path,
) -> None:
    opened = Workspace(data_dir=tmp_path)
    store = opened.open_history(print)
    assert store is not None and opened.open_history(print) is store
    opened.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.count_runs()
    handed, _ = open_history(tmp_path)
    assert handed is not None
    workspace = Workspace(history=handed)
    assert workspace.open_history(print) is handed
    workspace.close()
    assert handed.count_runs() == 0  # its owner closes it
    handed.close()


def test_a_run_made_ready_offers_the_interrupted_run_and_says_what_to_tell(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plank.yaml"
    path.write_text("name: Plank\nexercises: [{name: Plank, hold: 30s, sets: 3}]\n")
    routine = load_routine(path).loaded()
    store, _ = open_history(tmp_path)
    assert store is not None
    workspace = Workspace(config=Config(rest=4 * 3600), history=store)
    first = workspace.prepare_run(routine, store, FakeClock())
    assert first.interrupted is None and first.routine is routine
    assert len(first.notices) == 1 and "do not fit this routine" in first.notices[0]
    first.take(first.begin(resume=False, lead_in=3))
    assert first.journal.flush()
    store.db.execute("UPDATE runs SET status = 'interrupted', pid = NULL")
    second = workspace.prepare_run(routine, store, FakeClock(), speed=10)
    assert second.interrupted is not None and second.interrupted[0].id == first.journal.run_id
    assert second.speed == 10
    store.close()


def test_a_sessions_dir_removed_while_the_app_runs_reads_as_empty(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "plank.yaml").write_text(PLANK)
    workspace = Workspace.of_user([extra], tmp_path / "data")
    assert "plank" in [r.slug for r in workspace.routines()]
    (extra / "plank.yaml").unlink()
    extra.rmdir()
    assert "plank" not in [r.slug for r in workspace.rescan()]  # f5, or back from an editor

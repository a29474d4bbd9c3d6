from pathlib import Path

import pytest

from workout_tui.core import locations


def test_data_dir_prefers_the_flag_then_the_environment_then_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(locations.DATA_DIR_ENV, raising=False)
    assert locations.data_dir() == tmp_path / "xdg" / "workout-tui"
    monkeypatch.setenv(locations.DATA_DIR_ENV, str(tmp_path / "env"))
    assert locations.data_dir() == tmp_path / "env"
    assert locations.data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_user_routines_live_in_the_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert locations.user_sessions_dir() == tmp_path / "workout-tui" / "sessions"


def test_bundled_files_are_found_from_a_checkout() -> None:
    assert (locations.bundled_sessions_dir() / "desk-break.yaml").is_file()
    assert (locations.sounds_dir() / "go.wav").is_file()
    assert locations.schema_path().is_file()

"""Where things live: bundled routines and sounds, the user's routines, the data dir.

Nothing here creates a directory at import; callers create what they write to.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from workout_tui.core.files import expand_home

APP_NAME = "workout-tui"
DATA_DIR_ENV = "WORKOUT_TUI_DATA_DIR"
_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    # In a wheel the folders ride inside the package; in a checkout they sit at the top.
    installed = _PACKAGE / "bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_sessions_dir() -> Path:
    """The routines that ship with the app."""
    return _bundled("sessions")


def sounds_dir() -> Path:
    """The cue sounds that ship with the app."""
    return _bundled("sounds")


def schema_path() -> Path:
    """The JSON Schema of the session format."""
    return _PACKAGE / "session.schema.json"


def figures_dir() -> Path:
    """The stick figures the package ships, one YAML file per exercise."""
    return _PACKAGE / "figures"


def config_dir() -> Path:
    """The user's config dir (config file and own routines)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_figures_dir() -> Path:
    """Where the user keeps their own figures (same format as the bundled ones)."""
    return config_dir() / "figures"


def user_sessions_dir() -> Path:
    """Where the user keeps their own routines."""
    return config_dir() / "sessions"


def cache_dir() -> Path:
    """Where rendered voice lines and loaded routines are cached."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def routine_cache() -> Path:
    """The routines loaded at the last launch (see `routine_cache`)."""
    return cache_dir() / "routines.json"


def config_file() -> Path:
    """The user's settings file."""
    return config_dir() / "config.toml"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data dir (history): `override`, else $WORKOUT_TUI_DATA_DIR, else the platform's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return expand_home(chosen)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))

"""The changelog speaks of this version, and its lines on your data name the history schema
and the export format the code writes; `--version` says the same three numbers."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.conftest import REPO
from workout_tui.core.log.export import FORMAT_VERSION
from workout_tui.core.log.schema import SCHEMA_VERSION

CHANGELOG = (REPO / "CHANGELOG.md").read_text()
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d\d-\d\d)$", re.MULTILINE)


def releases() -> dict[str, str]:
    """Each release's version -> its text, newest first."""
    parts = RELEASE.split(CHANGELOG)
    return {parts[i]: parts[i + 2] for i in range(1, len(parts), 3)}


def test_the_newest_release_is_this_version_and_names_the_data_versions_it_writes() -> None:
    found = releases()
    assert next(iter(found)) == VERSION, list(found)
    newest = found[VERSION]
    assert re.findall(r"\*\*History schema (\d+)\*\*", newest) == [str(SCHEMA_VERSION)]
    assert re.findall(r"\*\*Export format (\d+)\*\*", newest) == [str(FORMAT_VERSION)]
    dates = [date for _, date in RELEASE.findall(CHANGELOG)]
    assert dates == sorted(dates, reverse=True)
    # Every release says what changed in your data, in a section of its own.
    assert all("### Your data" in text for text in found.values())


def test_version_names_the_release_the_history_schema_and_the_export_format() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "workout_tui", "--version"], capture_output=True, text=True
    ).stdout.splitlines()
    assert shown[0] == f"workout-tui {VERSION}"
    assert shown[1].startswith(f"history schema {SCHEMA_VERSION} ")
    assert shown[2].startswith(f"export format {FORMAT_VERSION} ")

"""Any locale: under ISO-8859-1 (which has no ✓, no arrow, no control pictures) every command
prints, with a plain stand-in for what the locale cannot show, and the files and data the
app writes (exports, --json) are UTF-8, byte for byte what a UTF-8 locale gets."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import SCRIPT, env
from tests.conftest import missing
from tests.core.test_history import run_through
from workout_tui.core.loader import load_plan_text
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore

LATIN_1 = "en_US.ISO-8859-1"
PLAN = load_plan_text(
    "name: Squat ✓ → 日本\nexercises:\n"
    '  - {name: "Goblet squat ✓ \\e]0;x\\a", sets: 2, reps: 8, load: 12 kg}\n'
)


@pytest.fixture(scope="module")
def latin_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the ISO-8859-1 locale (made with localedef, for LOCPATH)."""
    folder = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        ["localedef", "--no-archive", "-i", "en_US", "-f", "ISO-8859-1", str(folder / LATIN_1)],
        capture_output=True,
        text=True,
    )
    if not (folder / LATIN_1).is_dir():
        missing(f"cannot make the {LATIN_1} locale (localedef, Debian's locales): {made.stderr}")
    return folder


def run(home: Path, locale: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in env(home).items() if not k.startswith(("LC_", "LANG"))}
    environ.pop("PYTHONIOENCODING", None)
    environ.pop("PYTHONUTF8", None)
    return subprocess.run([SCRIPT, *args], capture_output=True, env=environ | locale, timeout=30)


def test_every_command_prints_under_iso_8859_1(home: Path, latin_1: Path) -> None:
    store = HistoryStore(home / "data" / FILE_NAME)
    run_through(store, PLAN, session="squat")
    store.close()
    config = home / "config" / "workout-tui"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('[plan]\ndaily = ["desk-break"]\n')
    latin = {"LC_ALL": LATIN_1, "LOCPATH": str(latin_1)}
    utf_8 = {"LC_ALL": "C.UTF-8"}
    encoding = "import sys; print(sys.stdout.encoding)"  # the locale is in force:
    probe = subprocess.run(
        [SCRIPT.parent / "python", "-c", encoding],
        capture_output=True,
        text=True,
        env=os.environ | latin,
    )
    assert probe.stdout.strip() == "iso8859-1", probe

    for data in (
        ["history", "--export", "csv"],
        ["history", "--export", "json"],
        ["progress", "--json"],
        ["today", "--json"],
        ["list", "--json"],
    ):
        done = run(home, latin, *data)
        assert done.returncode in (0, 1) and b"Traceback" not in done.stderr, (data, done.stderr)
        assert done.stdout == run(home, utf_8, *data).stdout, data  # UTF-8, the same bytes

    progress = run(home, latin, "progress")
    assert progress.returncode == 0, progress.stderr
    assert "Goblet squat v ^[]0;x^G" in progress.stdout.decode("latin-1")
    today = run(home, latin, "today")
    assert today.returncode == 1 and "· desk-break" in today.stdout.decode("latin-1"), today
    listed = run(home, latin, "list")
    assert listed.returncode == 0 and b"Traceback" not in listed.stderr

    out = home / "runs.csv"
    written = run(home, latin, "history", "--export", "csv", "-o", str(out))
    assert written.returncode == 0, written.stderr
    assert "Goblet squat ✓" in out.read_bytes().decode("utf-8")

"""Installed from a clone into a fresh venv and run elsewhere, it finds everything it ships."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=True, timeout=600
    )


def test_installed_from_a_clone_it_runs_from_any_directory(tmp_path: Path) -> None:
    """What the README's Install section does (`pip install '.[audio]'`, as pipx does)."""
    audio = Path("/usr/include/alsa/asoundlib.h").exists()  # simpleaudio builds only with it
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    # --no-compile: byte-compiling every module of every dependency is most of the time.
    run(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-compile",
        f"{REPO}[audio]" if audio else REPO,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    listed = subprocess.run(
        ["workout-tui", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    routines = json.loads(listed.stdout)
    assert len(routines) == 4
    assert all(Path(r["path"]).is_relative_to(venv) for r in routines), routines

    code = (
        "from workout_tui.core import locations as l; print(l.sounds_dir());"
        "print(l.schema_path()); print(len(list(l.sounds_dir().glob('*.wav'))));"
        "print(l.bundled_sessions_dir().parent / 'docs' / 'session-format.md');"
        "import importlib.util as u; print(u.find_spec('simpleaudio') is not None);"
        "from workout_tui.core.figures import bundled_figures; print(len(bundled_figures()))"
    )
    where = run(venv / "bin" / "python", "-c", code, cwd=elsewhere).stdout.split()
    assert Path(where[0]).is_relative_to(venv) and Path(where[1]).is_file()
    assert where[2] == "6"
    assert Path(where[3]).read_text() == (REPO / "docs" / "session-format.md").read_text()
    assert where[4] == str(audio)
    assert int(where[5]) >= 2  # the figures ship inside the package
    (license_file,) = venv.glob("lib/python*/site-packages/workout_tui-*.dist-info/licenses/*")
    assert "MIT License" in license_file.read_text()

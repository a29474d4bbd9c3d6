"""A built wheel, installed in a fresh venv and run elsewhere, finds its routines and sounds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=True, timeout=600
    )


def test_wheel_installed_in_a_fresh_venv_finds_bundled_files(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "-w", wheels, REPO)  # fmt: skip
    (wheel,) = wheels.glob("workout_tui-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    listed = subprocess.run(
        [venv / "bin" / "workout-tui", "list", "--json"],
        capture_output=True, text=True, cwd=elsewhere, env=env, check=True,
    )  # fmt: skip
    routines = json.loads(listed.stdout)
    assert len(routines) == 4
    assert all(Path(r["path"]).is_relative_to(venv) for r in routines), routines

    code = (
        "from workout_tui.core import locations as l; print(l.sounds_dir());"
        "print(l.schema_path()); print(len(list(l.sounds_dir().glob('*.wav'))))"
    )
    where = run(venv / "bin" / "python", "-c", code, cwd=elsewhere).stdout.split()
    assert Path(where[0]).is_relative_to(venv) and Path(where[1]).is_file()
    assert where[2] == "6"

"""Checks the release files `make dist` built in dist/: both carry the licence, the routine
format document, the routines and the sounds; the wheel built from the sdist is the wheel
built from the tree; and the wheel, installed in a fresh venv, runs from / with no clone
beside it (`--version`, `list`, `validate` on the bundled routines), finding inside itself
the sounds, figures, schema and format document it ships, and simpleaudio where ALSA's
headers let it build (`pip install '.[audio]'`, as the README's Install section does).

Usage: python release/check_dist.py DIST_DIR DIRECT_WHEEL_DIR WORK_DIR
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# What each file must carry, as the end of a member's path.
IN_WHEEL = (
    "licenses/LICENSE",
    "workout_tui/bundled/docs/session-format.md",
    "workout_tui/bundled/sounds/go.wav",
    "workout_tui/bundled/sessions/hip-flexor-stretch.yaml",
    "workout_tui/figures/goblet-squat.yaml",
    "workout_tui/session.schema.json",
)
IN_SDIST = (
    "/LICENSE",
    "/CHANGELOG.md",
    "/docs/session-format.md",
    "/sounds/go.wav",
    "/sessions/hip-flexor-stretch.yaml",
    "/workout_tui/figures/goblet-squat.yaml",
)


def main(dist: Path, direct: Path, work: Path) -> None:
    (wheel,), (sdist,) = dist.glob("*.whl"), dist.glob("*.tar.gz")
    (built_directly,) = direct.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive, tarfile.open(sdist) as tar:
        carries(wheel.name, archive.namelist(), IN_WHEEL)
        carries(sdist.name, tar.getnames(), IN_SDIST)
    if contents(wheel) != contents(built_directly):
        sys.exit(f"{wheel.name}: the wheel built from the sdist differs from the tree's")
    print(f"{wheel.name} and {sdist.name} carry what they should; the sdist builds the same wheel")
    runs_installed(wheel, work)


def carries(name: str, members: list[str], needed: tuple[str, ...]) -> None:
    missing = [end for end in needed if not any(m.endswith(end) for m in members)]
    if missing:
        sys.exit(f"{name} lacks {', '.join(missing)}")


def contents(wheel: Path) -> dict[str, bytes]:
    """Each member's bytes (the RECORD too: it holds every file's hash)."""
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# Where the installed package finds what it ships, and whether it can play sound.
SHIPPED = (
    "from workout_tui.core import locations as l, figures as f; import importlib.util as u;"
    "print(l.sounds_dir(), l.schema_path(), l.bundled_sessions_dir().parent / 'docs' /"
    " 'session-format.md', len(list(l.sounds_dir().glob('*.wav'))), len(f.bundled_figures()),"
    " u.find_spec('simpleaudio') is not None)"
)


def runs_installed(wheel: Path, work: Path) -> None:
    venv = Path(tempfile.mkdtemp(prefix="workout-tui-dist-")) / "venv"  # far from the clone
    audio = Path("/usr/include/alsa/asoundlib.h").exists()  # simpleaudio builds only with it
    run(sys.executable, "-m", "venv", venv)
    run(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        f"{wheel}[audio]" if audio else wheel,
    )
    finds_what_it_ships(venv, audio, work / "tree")
    app = venv / "bin" / "workout-tui"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work / "home"),
        "XDG_CONFIG_HOME": str(work / "home" / "config"),
        "XDG_CACHE_HOME": str(work / "home" / "cache"),
        "WORKOUT_TUI_DATA_DIR": str(work / "home" / "data"),
    }
    print(run(app, "--version", env=env).strip())
    listed = json.loads(run(app, "list", "--json", env=env))
    paths = [routine["path"] for routine in listed]
    if len(paths) != 4 or not all(Path(p).is_relative_to(venv) for p in paths):
        sys.exit(f"the installed wheel lists {paths}, not its 4 bundled routines")
    print(run(app, "validate", *paths, env=env).strip())
    shutil.rmtree(venv.parent)


def finds_what_it_ships(venv: Path, audio: bool, tree: Path) -> None:
    """Installed, it finds its own files inside the venv, not in a clone."""
    sounds, schema, doc, wavs, figures, plays = run(venv / "bin" / "python", "-c", SHIPPED).split()
    inside = all(Path(p).is_relative_to(venv) for p in (sounds, schema, doc))
    same_doc = Path(doc).read_bytes() == (tree / "docs" / "session-format.md").read_bytes()
    if not (inside and Path(schema).is_file() and same_doc):
        sys.exit(f"the installed wheel looks outside itself: {sounds} {schema} {doc}")
    if (int(wavs), int(figures) >= 2, plays) != (6, True, str(audio)):
        sys.exit(f"the installed wheel has {wavs} sounds, {figures} figures, simpleaudio {plays}")
    (licence,) = venv.glob("lib/python*/site-packages/workout_tui-*.dist-info/licenses/LICENSE")
    if "MIT License" not in licence.read_text():
        sys.exit(f"{licence} is not the MIT licence")
    print(
        f"installed: {wavs} sounds, {figures} figures, the schema and the format document, "
        f"simpleaudio {'built' if audio else 'left out (no ALSA headers)'}"
    )


def run(*args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run from /, far from any clone; stop with what it said if it fails."""
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd="/", env=env or dict(os.environ)
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


if __name__ == "__main__":
    main(*(Path(arg).resolve() for arg in sys.argv[1:4]))

"""The venv holds the lock's versions, and the lock still satisfies what pyproject asks."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

LOCKS = REPO / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> dict[str, str]:
    """Name -> version of each pin in `lock` whose marker holds on this Python."""
    found: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line)
        if match and (not match[3] or Marker(match[3]).evaluate()):
            found[canonicalize_name(match[1])] = match[2]
    return found


def installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@pytest.mark.skipif(
    bool(os.environ.get("WORKOUT_TUI_UNLOCKED")), reason="make test-latest runs unlocked"
)
def test_every_installed_dependency_is_the_locked_version() -> None:
    locked = pins(LOCKS / "dev.txt")
    assert {"textual", "pyyaml", "rich", "pytest"} <= locked.keys()
    wrong = {name: (version, installed(name)) for name, version in locked.items()}
    wrong = {name: pair for name, pair in wrong.items() if pair[0] != pair[1]}
    # The audio lock is installed only where ALSA's headers let simpleaudio build.
    audio = pins(LOCKS / "audio.txt") | pins(LOCKS / "uv.txt")
    wrong |= {
        name: (version, installed(name))
        for name, version in audio.items()
        if installed(name) not in (None, version)
    }
    assert not wrong, f"(locked, installed) differ; run `make setup`: {wrong}"


def test_the_lock_satisfies_pyproject_and_the_build_inputs() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    build = [line.split("#")[0].strip() for line in (LOCKS / "build.in").read_text().splitlines()]
    wanted = [*project["dependencies"], *extras["test"], *extras["audio"], *filter(None, build)]
    locked = pins(LOCKS / "dev.txt") | pins(LOCKS / "audio.txt")
    unmet = []
    for text in wanted:
        requirement = Requirement(text)
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            unmet.append(f"{text} (locked: {version})")
    assert not unmet, f"pyproject asks for what the lock lacks; run `make lock`: {unmet}"

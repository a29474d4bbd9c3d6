"""Shared fixtures: a fake clock, quick ways to write routine files, a read-only folder, and
the prerequisites a test may need that a machine may lack."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent


class FakeClock:
    """A clock that moves only when told, so timing tests never wait."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A clean HOME with empty config and data dirs, so the machine's own files never leak in."""
    (tmp_path / "config").mkdir()
    return tmp_path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def write_routine(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to a file in tmp_path and return its path."""

    def write(text: str | bytes, name: str = "routine.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


# Tests run in parallel (pytest-xdist). One marked `alone` measures time or CPU, so it takes
# an exclusive lock that every other test takes shared: nothing runs beside it.
# One path for every run on the machine, so two runs at once do not disturb each other either.
# A test waiting to run alone first closes a gate that every test passes on its way in: no
# test starts meanwhile, so those running end and its turn comes. (flock favours no one: two
# workers taking turns with the shared lock kept one waiting past the 120 s timeout.)
_RUN_LOCK = Path(tempfile.gettempdir()) / "workout-tui-tests.lock"
_GATE = Path(tempfile.gettempdir()) / "workout-tui-tests.gate"


@pytest.fixture(autouse=True)
def _alone_or_together(request: pytest.FixtureRequest) -> Iterator[None]:
    alone = request.node.get_closest_marker("alone") is not None
    mode = fcntl.LOCK_EX if alone else fcntl.LOCK_SH
    with _GATE.open("a") as gate, _RUN_LOCK.open("a") as handle:
        fcntl.flock(gate, mode)
        fcntl.flock(handle, mode)
        if not alone:
            fcntl.flock(gate, fcntl.LOCK_UN)  # passed: the gate is open to the next
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def _no_writer_left() -> Iterator[None]:
    """Each test ends its history writer threads, as the app's end does: one left trying
    must not be waited for, nor reported, by the next test's app."""
    yield
    from workout_tui.core.log.journal import settle

    settle(timeout=0)


# What a test may need that a machine may lack (`@pytest.mark.needs("espeak-ng")`). Without it
# the test is skipped with how to get it; with REQUIRE_ALL set (.ci/run sets it) that is a
# failure instead, so a machine that should have everything cannot pass by skipping.
REQUIRE_ALL = "WORKOUT_TUI_REQUIRE_ALL"
PREREQUISITES: dict[str, tuple[Callable[[], bool], str]] = {
    "simpleaudio": (
        lambda: importlib.util.find_spec("simpleaudio") is not None,
        "simpleaudio is not installed: install libasound2-dev (apt), then "
        "`rm .venv/.installed && make setup`",
    ),
    "espeak-ng": (
        lambda: shutil.which("espeak-ng") is not None,
        "espeak-ng is not installed: install it (apt install espeak-ng; make does as root)",
    ),
}


def missing(reason: str) -> NoReturn:
    """Skip for want of a prerequisite, or fail where every prerequisite must be here."""
    if os.environ.get(REQUIRE_ALL):
        pytest.fail(f"{reason} ({REQUIRE_ALL} is set, so this fails, not skips)", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        for name in mark.args:
            present, reason = PREREQUISITES[name]
            if not present():
                missing(reason)


def mount_tmpfs(where: Path, options: str) -> Callable[[], None]:
    """Mount a real tmpfs at `where` (root only); returns how to take it away."""
    if os.geteuid() != 0:
        missing("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        missing(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")

    def unmount() -> None:
        subprocess.run(["umount", "-l", str(where)], check=False)

    return unmount


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty folder nobody can write in, root included: a read-only mount as root (root
    writes through file permissions), a folder without write permission otherwise."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() == 0:
        unmount = mount_tmpfs(folder, "ro,size=64k")
        yield folder
        unmount()
    else:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)

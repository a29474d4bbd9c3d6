"""Shared fixtures: a fake clock, and quick ways to write routine files."""

from __future__ import annotations

import fcntl
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

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
_RUN_LOCK = Path(tempfile.gettempdir()) / "workout-tui-tests.lock"


@pytest.fixture(autouse=True)
def _alone_or_together(request: pytest.FixtureRequest) -> Iterator[None]:
    alone = request.node.get_closest_marker("alone") is not None
    with _RUN_LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

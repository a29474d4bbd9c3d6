"""The suite's own rules, tried on a throwaway test file with this project's pytest settings:
a test that hangs fails in its own time and the next one still runs; a missing prerequisite
is a skip, and a failure where WORKOUT_TUI_REQUIRE_ALL says everything must be here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, REQUIRE_ALL

SAMPLE = """
import time
import pytest

def test_hangs():
    time.sleep(10**6)

def test_runs_after():
    pass

@pytest.mark.needs("espeak-ng")
def test_needs_voice():
    pass
"""


def pytest_on(sample: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    """This project's pytest (its settings and conftest) on `sample`, with no espeak-ng on
    PATH."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        str(REPO / "pyproject.toml"),
        "--rootdir",
        str(sample.parent),
        "-p",
        "tests.conftest",
        "-p",
        "no:xdist",
        "-p",
        "no:cacheprovider",
        "-rfs",
        *options,
        str(sample),
    ]
    environ = {k: v for k, v in os.environ.items() if k != REQUIRE_ALL}
    environ |= {"PATH": str(Path(sys.executable).parent), **env}
    return subprocess.run(
        command, cwd=REPO, env=environ, capture_output=True, text=True, timeout=60
    )


def test_every_test_has_a_time_limit(request: pytest.FixtureRequest) -> None:
    assert float(request.config.getini("timeout")) > 0


def test_a_hang_fails_in_its_own_time_and_a_missing_prerequisite_skips(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(SAMPLE)
    started = time.monotonic()
    done = pytest_on(sample, "-o", "timeout=2")
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Timeout (>2.0s)" in done.stdout  # and the next test ran:
    assert "1 failed, 1 passed, 1 skipped" in done.stdout
    assert "espeak-ng is not installed: install it" in done.stdout  # the skip says why


def test_a_missing_prerequisite_fails_where_all_are_required(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(SAMPLE)
    failed = pytest_on(sample, "-k", "needs_voice", **{REQUIRE_ALL: "1"})
    assert failed.returncode == 1 and "1 error" in failed.stdout, failed.stdout  # at its setup
    assert (
        f"espeak-ng is not installed: install it (apt install espeak-ng; make does as root) "
        f"({REQUIRE_ALL} is set, so this fails, not skips)" in failed.stdout
    )

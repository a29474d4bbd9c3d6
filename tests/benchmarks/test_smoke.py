"""A short run of every benchmark (seconds, not minutes) with coarse bounds only.

The bounds catch a tenfold regression, not noise, so they hold beside other tests running
in parallel; `make bench` measures for real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import bench  # noqa: E402


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def test_startup_is_within_a_few_times_a_bare_textual_app(home: Path) -> None:
    result = bench.startup(home, runs=1)
    assert result["ratio"] < 5, result


def test_a_running_timer_sits_nearly_idle(home: Path) -> None:
    result = bench.idle_cpu(home, seconds=0.5, runs=1, settle=0.5)
    assert result["workout-tui"]["median"] < 15, result
    assert result["workout-tui breaks"]["median"] < 15, result
    assert result["workout-tui rep set"]["median"] < 15, result


def test_cues_are_not_grossly_late(home: Path) -> None:
    result = bench.cue_timing(home, seconds=4, busy=False)
    assert result["cues"] >= 3 and result["p99_ms"] < 100, result


def test_a_large_library_lists_opens_and_filters_quickly(home: Path) -> None:
    result = bench.library(home, routines=200, runs=1)
    assert result["list_cold_s"]["full"]["median"] < 10, result
    assert result["first_frame_s"]["full"]["median"] < 3 * result["first_frame_s"]["four"]["median"]
    in_folder = result["first_frame_sessions_dir_s"]  # launched in turns with the four alone
    assert in_folder["full"]["median"] < 3 * in_folder["four"]["median"]
    assert result["keystroke_s"]["full"]["median"] < 0.5, result


def test_a_large_history_opens_in_a_similar_time_and_memory(home: Path) -> None:
    result = bench.history(home, runs=500, steps_per_run=15, repeats=1)
    assert result["open_s"]["ratio"] < 5 and result["detail_s"]["ratio"] < 5, result
    assert result["peak_rss_mb"]["full"]["median"] < 200, result


def test_a_session_stays_small_in_memory(home: Path) -> None:
    assert bench.session_memory(home, speed=200)["peak_rss_mb"] < 150


def test_an_import_streams_its_file_in_flat_memory(home: Path) -> None:
    result = bench.import_memory(home, megabytes=4)
    valid, empties = result["valid"], result["empty_lists"]
    assert valid["exit"] == empties["exit"] == 0, result  # the empty lists are not runs: 0 taken
    assert valid["peak_rss_mb"] < 80 and empties["peak_rss_mb"] < 80, result

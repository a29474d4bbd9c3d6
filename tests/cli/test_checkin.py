"""The daily check-in from the shell, what `insight` makes of four weeks of them, and the
one line `today --short` gives a status bar."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.core.test_history import run_through
from workout_tui.core.library import discover
from workout_tui.core.locations import bundled_sessions_dir
from workout_tui.core.log.entries import CheckIn
from workout_tui.core.log.schema import FILE_NAME
from workout_tui.core.log.store import HistoryStore

HOSTILE_NOTE = "[b]stiff[/] \x1b]0;x\x07" * 500  # 10,000 characters


def seed(
    data: Path, days: int, lower_by: float, noise: int = 1, seed: int = 3, today: date | None = None
) -> None:
    """`days` days up to the day before `today`: the hip-flexor routine run every other day, and a
    check-in each day, `lower_by` points lower on the day after a hip day (± `noise`)."""
    routines = discover([(bundled_sessions_dir(), "bundled")])
    hips = next(r for r in routines if r.slug == "hip-flexor-stretch").loaded()
    assert hips.plan is not None
    rng, today = random.Random(seed), today or date.today()
    first = today - timedelta(days=days)
    for offset in range(days):
        day = first + timedelta(days=offset)
        noon = datetime.combine(day, time(12)).astimezone()
        store = HistoryStore(data / FILE_NAME, now=partial(lambda at: at, noon))
        if offset % 2 == 0:
            run_through(store, hips.plan, session="hip-flexor-stretch")
        score = 6 - (lower_by if offset % 2 == 1 else 0) + rng.randint(-noise, noise)
        store.record_checkin(CheckIn(day, round(score), noon + timedelta(hours=8)))
        store.close()


def insight(home: Path, data: Path) -> dict[str, object]:
    result = cli(home, "--data-dir", str(data), "insight", "--json")
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_four_weeks_with_two_points_less_after_hip_days_are_told_apart(home: Path) -> None:
    seed(home / "data", 28, lower_by=2)
    found = insight(home, home / "data")
    assert isinstance(found["difference"], float) and abs(found["difference"] + 2) <= 0.3
    assert isinstance(found["interval"], list) and found["interval"][1] < 0
    assert found["after_hip"]["count"] == found["after_other"]["count"] == 14  # type: ignore[index]
    text = cli(home, "--data-dir", str(home / "data"), "insight").stdout
    assert "lower (better) than on other days" in text and "not a diagnosis" in text


def test_check_ins_unrelated_to_the_hip_days_give_an_interval_around_zero(home: Path) -> None:
    seed(home / "data", 28, lower_by=0, noise=2)
    interval = insight(home, home / "data")["interval"]
    assert isinstance(interval, list) and interval[0] <= 0 <= interval[1]


def test_ten_check_ins_say_how_many_more_and_give_no_number(home: Path) -> None:
    seed(home / "data", 10, lower_by=2)
    found = insight(home, home / "data")
    assert found["difference"] is None and found["interval"] is None and found["needed"] == 4
    text = cli(home, "--data-dir", str(home / "data"), "insight").stdout
    assert "Not enough check-ins yet: 4 more" in text and "interval" not in text


def test_a_bad_check_in_is_refused_where_it_is_wrong_and_nothing_is_kept(home: Path) -> None:
    data = ["--data-dir", str(home / "data")]
    assert cli(home, *data, "checkin", "3").returncode == 0  # the history begins today
    for args, said in [
        (["11"], "SCORE: a score is a whole number from 0 to 10, not '11'"),
        (["--", "-1"], "SCORE: a score is a whole number from 0 to 10, not '-1'"),
        (["x"], "SCORE: a score is a whole number from 0 to 10, not 'x'"),
        (["\u0663"], "SCORE: a score is a whole number from 0 to 10, not '\u0663'"),  # Arabic 3
        (["3", "--date", "0001-01-01"], "--date 0001-01-01: that is before the history began"),
        (["3", "--date", "2026-02-30"], "--date: a day is YYYY-MM-DD, like 2026-12-07, not"),
        (["3", "--date", "20261206"], "--date: a day is YYYY-MM-DD, like 2026-12-07, not"),
        (["3", "--date", str(date.today() + timedelta(days=1))], "that day has not come yet"),
        (["3", "--note", "x" * 10_001], "--note: up to 10,000 characters, not 10,001"),
    ]:
        result = cli(home, *data, "checkin", *args)
        assert result.returncode == 2 and said in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("workout-tui: ")
    kept = cli(home, *data, "checkin", "5", "--note", HOSTILE_NOTE)
    assert kept.returncode == 0 and "\x1b" not in kept.stdout
    export = json.loads(cli(home, *data, "history", "--export", "json").stdout)
    assert [(c["score"], c["note"]) for c in export["checkins"]] == [(3, None), (5, HOSTILE_NOTE)]


def test_today_short_is_one_line_for_a_status_bar(home: Path) -> None:
    config = home / "config" / "workout-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[plan]\ndaily = ["desk-break"]\n')
    data = ["--data-dir", str(home / "data")]
    assert cli(home, *data, "today", "--short").stdout == "plan 0/1 · check-in due\n"
    cli(home, *data, "checkin", "2")
    assert cli(home, *data, "today", "--short").stdout == "plan 0/1\n"
    config.write_text('[checkin]\nask = "off"\n')
    assert cli(home, *data, "today", "--short").stdout == "nothing due\n"


def test_a_forgotten_yesterday_can_be_filled_in_on_a_new_history(home: Path) -> None:
    yesterday = str(date.today() - timedelta(days=1))
    result = cli(home, "--data-dir", str(home / "data"), "checkin", "4", "--date", yesterday)
    assert result.returncode == 0, result.stderr
    before = str(date.today() - timedelta(days=2))
    result = cli(home, "--data-dir", str(home / "data"), "checkin", "4", "--date", before)
    assert result.returncode == 2 and f"--date {before}: that is before" in result.stderr


def test_a_check_in_the_history_will_not_take_is_said_in_a_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The write itself fails (the disk filled after the history opened, or another window
    held its lock past the wait): one line, exit 1, nothing kept."""
    import sqlite3

    from workout_tui.cli import main

    def full(self: HistoryStore, checkin: CheckIn) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(HistoryStore, "record_checkin", full)
    assert main(["--data-dir", str(home / "data"), "checkin", "4"]) == 1
    said = capsys.readouterr().err
    assert (
        said
        == "workout-tui: cannot keep the check-in (database or disk is full); nothing was kept\n"
    )
